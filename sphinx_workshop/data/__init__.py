"""The data layer: model, reading and rules. Imports nothing from Sphinx."""
