// Fixture: internal to base.
