"""The review interface (Textual). Imports neither spaCy nor BERTopic."""
