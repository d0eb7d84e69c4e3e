"""The self-registration kiosk: evacuees register in their own language, staff confirm."""
