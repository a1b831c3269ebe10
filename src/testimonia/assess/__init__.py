"""Assessment: chains of transmission, independence, grade, silence, explanation."""
