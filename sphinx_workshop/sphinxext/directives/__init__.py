"""The directives: one module each, all built on ``shared.DataDirective``."""
