"""The library of published reports: entries, search, figures, exports and the API."""
