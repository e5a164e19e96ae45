"""The operator's console: review queue, the pool with track records, what operators alone may see."""
