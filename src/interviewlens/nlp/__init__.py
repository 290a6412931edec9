"""French NLP helpers. spaCy is imported only inside the functions that need it."""
