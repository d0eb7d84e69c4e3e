"""content layer (see DESIGN.md)."""
