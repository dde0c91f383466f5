"""The site output: the MkDocs plugin and what it writes beside the pages (views, search
indexes, redirects and short links, previews, sitemap), precompression and the server policy check."""
