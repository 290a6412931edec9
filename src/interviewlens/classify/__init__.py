"""SWOT classification: features, base model, active learning, evaluation."""
