"""Shared text knowledge: the words, marks and patterns several stages read, declared once.

Each kind of knowledge is a data file in `data/` (JSON, read on first use and kept) with a
module of small typed functions that read it:

- `calendar`: month names and abbreviations, weekdays, seasons, relative days;
- `characters`: quotation marks by kind, marks typed for quotes, apostrophes, dashes, letters
  decomposition leaves alone;
- `folding`: the folded form comparison keys are built from, and its words;
- `names`: transliteration variants, short given names, honorifics, surname particles;
- `offices`: offices, ranks, and the words of titles, unnamed officials and bodies;
- `aliases`: organisations, countries and bodies under their spellings, phrase synonyms, news
  agencies;
- `countries`: the world's countries with their other names, demonyms and capitals (a capital
  is a town of its own, never a spelling of its country);
- `datelines`: the place-and-date lines that open wire reports;
- `press`: a news page's furniture: outlet words, date labels, chrome and byline openers,
  copyright marks, reporting verbs;
- `quotations`: which quote marks open and close quotations, and what lies inside them;
- `untrusted`: text that addresses a model instead of a reader;
- `offices`: ranks of one office, tenure words, spellings of one office, function offices;
- `figures`: scale words, number phrases, qualifiers, units and their spellings, currency
  signs, the words of counts that grow as news develops;
- `clock`: parts of the day as clock ranges, written time zones, the zones of towns and
  countries;
- `meetings`: the words that say "a meeting" without saying which;
- `contexts`: the words that place a remark in the course of an event.

This package imports nothing else of summarizer's: every stage may use it.
"""
