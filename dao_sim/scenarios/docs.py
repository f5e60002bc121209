def render_reference() -> str:
    return ""
