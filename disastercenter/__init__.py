"""disastercenter: offline support for foreign residents at evacuation shelters in Japan."""

__version__ = "0.1.0"
