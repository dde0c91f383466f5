"""What the build needs from the operating system (system.py): below the model, importing nothing of the package."""
