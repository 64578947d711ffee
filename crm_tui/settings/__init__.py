"""The settings model and its TOML file; import it through `crm_tui.config`."""
