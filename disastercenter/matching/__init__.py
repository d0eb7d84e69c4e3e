"""matching layer (see DESIGN.md)."""
