"""HTTP routers: one module per concern, included by `app.main.create_app`."""
