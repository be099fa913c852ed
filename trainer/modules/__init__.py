"""Feature modules, one package each; see DESIGN.md for the layering."""
