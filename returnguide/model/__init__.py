"""The model layer: language registry, schemas, URL scheme, content loading, problems and
the one YAML reader. It knows nothing of MkDocs, HTML or PDF; every other layer reads it."""
