"""SICSES reports: declarative layouts, file reading, conversion and validation."""
