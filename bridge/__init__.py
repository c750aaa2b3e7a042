"""The Flask side of tsbridge, one module per concern; `app.create_app` puts them together."""
