"""Media that phones make: types judged by content, photos made publishable, videos made playable."""
