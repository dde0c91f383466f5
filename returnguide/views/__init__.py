"""What both outputs show beside a page's text (contact cards, dates, QR codes), computed from the model."""
