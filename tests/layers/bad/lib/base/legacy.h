// Fixture: the exception base -> top, no longer needed.
