"""Content model, checks, site hooks and leaflet builder of the return-counselling site."""
