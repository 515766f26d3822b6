"""Serving Gradient Lens to a class: the front door (headers, limits) and the proxy.

Nothing here imports torch or draws anything; ``server.py`` puts the front door in
front of ``app.py`` and ``scripts/serve`` puts HAProxy in front of several servers.
"""
