def post_init_hook(env):
    """The internal users who existed before the suite land where their role's
    work is (users created afterwards get it as they are created)."""
    env["res.users"].search([("share", "=", False)])._ps_set_role_home()
