"""Backends: the only modules that talk to a model server or load spaCy."""
