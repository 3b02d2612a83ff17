def meet_start_requirements(project, amount=100000.0):
    """What ``project`` needs to leave Initiation (DR1) besides its manager,
    from the addons installed: with the finance addon, an approved first
    budget (``amount`` of timesheet cost). Returns the budget, if any."""
    env = project.env
    if "ps.project.budget" not in env:
        return None
    project = project.sudo()
    if not project.account_id:
        project._create_analytic_account()
    labour = env["ps.cost.category"].sudo().search([("is_labour", "=", True)], limit=1)
    budget = (
        env["ps.project.budget"]
        .sudo()
        .create(
            {
                "project_id": project.id,
                "line_ids": [(0, 0, {"category_id": labour.id, "amount": amount})],
            }
        )
    )
    budget._ps_approve()
    return budget
