"""Results to text: documents, tables, CSV/JSON and pictures."""
