"""The course on a JupyterHub: its configuration (jupyterhub_config.py) and `make hub`'s demo (demo.py)."""
