"""Bundled demo models: `.npz` parameters beside JSON model cards, and the registry over them."""

from engine.models.registry import BUNDLED_DIR, ModelRegistry, UnknownModelError, model_class

__all__ = ["BUNDLED_DIR", "ModelRegistry", "UnknownModelError", "model_class"]
