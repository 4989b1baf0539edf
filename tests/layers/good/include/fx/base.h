// Fixture: a public header of base.
