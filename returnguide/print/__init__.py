"""The print output: leaflets as HTML views through Jinja and print CSS, rendered by WeasyPrint
in a sandbox, cached by content, with their manifest."""
