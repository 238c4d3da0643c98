# Written by scripts/sync-python-version.mjs from package.json's "version" (npm version runs it): do not edit.
__version__ = "0.1.0"
