"""Value semantics: when two wordings of a figure, date, time, office or voice can both hold.

Each module is a set of small pure functions over plain strings and numbers; the words they
know (units, scale words, parts of the day, time zones, office ranks, growth cues) are data in
`summarizer.knowledge` (`figures`, `clock`, `offices`), apart from the rules.
"""
