"""The live preview: our own watcher regenerates build/docs; the engine's server rebuilds and reloads."""

from .preview import Preview, serve

__all__ = ["Preview", "serve"]
