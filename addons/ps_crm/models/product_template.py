from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.sql import column_exists, create_column

PRICING_UNITS = [
    ("man_day", "Man-day"),
    ("fixed_fee", "Fixed fee"),
    ("deliverable", "Per deliverable"),
]


class ProductTemplate(models.Model):
    """Service products of the firm's catalog.

    A product belongs to the service catalog when it is a service with a
    service category (``ps_is_service_offering``). The catalog reuses what
    Odoo already has instead of inventing parallel flags:

    * enabled / disabled is the product's own ``sale_ok`` ("can be sold") and
      ``active`` (archived): a disabled service cannot be added to an
      opportunity, and a service taken off the market is archived;
    * the standard price is the product's ``list_price``, expressed per
      ``ps_pricing_unit`` (man-day, fixed fee or per deliverable).

    Who may sell a service is ``ps_allowed_user_ids`` and ``ps_allowed_team_ids``
    (both stored, so that domains on them stay simple SQL): when both are
    empty every salesperson may sell it, otherwise only the listed users and
    the members (and leaders) of the listed sales teams. Sales managers may
    always sell every enabled service. ``_ps_check_can_sell`` enforces it where
    a service is added to an opportunity (and to a contract, downstream).

    The default project type / WBS template of a service belongs to the
    project addon (``ps_project_wbs``), which this addon does not depend on;
    that addon adds the field.
    """

    _inherit = "product.template"

    ps_service_category_id = fields.Many2one(
        "ps.service.category",
        string="Service Category",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Puts the service in the firm's service catalog.",
    )
    ps_is_service_offering = fields.Boolean(
        string="In Service Catalog",
        compute="_compute_ps_is_service_offering",
        store=True,
        index=True,
        help="A service product with a service category.",
    )
    ps_pricing_unit = fields.Selection(
        PRICING_UNITS,
        string="Pricing Unit",
        tracking=True,
        help="What the sales price is for: one man-day of work, the whole engagement "
        "(fixed fee), or one deliverable (report, course, certificate …).",
    )
    ps_allowed_user_ids = fields.Many2many(
        "res.users",
        "ps_product_template_allowed_user_rel",
        "product_tmpl_id",
        "user_id",
        string="Allowed Salespeople",
        domain=[("share", "=", False)],
        help="Salespeople who may sell this service. Leave this and the allowed sales teams "
        "empty to let everyone sell it.",
    )
    ps_allowed_team_ids = fields.Many2many(
        "crm.team",
        "ps_product_template_allowed_team_rel",
        "product_tmpl_id",
        "team_id",
        string="Allowed Sales Teams",
        help="Sales teams whose members and leader may sell this service.",
    )

    def _auto_init(self):
        # No product has a service category when the addon is installed, so the
        # catalog flag is False everywhere: create the column empty instead of
        # letting the ORM compute it product by product on a big catalog.
        if not column_exists(self.env.cr, "product_template", "ps_is_service_offering"):
            create_column(self.env.cr, "product_template", "ps_is_service_offering", "boolean")
        return super()._auto_init()

    @api.depends("type", "ps_service_category_id")
    def _compute_ps_is_service_offering(self):
        for template in self:
            template.ps_is_service_offering = template.type == "service" and bool(
                template.ps_service_category_id
            )

    @api.model
    def _ps_user_team_ids(self, user):
        """Ids of the sales teams ``user`` belongs to (active membership) or leads."""
        # sudo: team memberships of other companies must count too, and reading
        # them is not a right salespeople need elsewhere.
        teams = user.sudo().crm_team_ids
        teams |= self.env["crm.team"].sudo().search([("user_id", "=", user.id)])
        return teams.ids

    @api.model
    def _ps_sellable_domain(self, user=None):
        """Domain of the products ``user`` may add to an opportunity or contract.

        Built with the user's own ids, so the restriction is a static domain
        on the stored allowed users and teams whatever the size of the catalog.
        """
        user = user or self.env.user
        domain = [("sale_ok", "=", True), ("ps_is_service_offering", "=", True)]
        if user.has_group("sales_team.group_sale_manager"):
            return domain
        return domain + [
            "|",
            "|",
            "&",
            ("ps_allowed_user_ids", "=", False),
            ("ps_allowed_team_ids", "=", False),
            ("ps_allowed_user_ids", "in", user.ids),
            ("ps_allowed_team_ids", "in", self._ps_user_team_ids(user)),
        ]

    def _ps_is_sellable_by(self, user):
        """Whether ``user`` is allowed to sell this service (restriction only)."""
        self.ensure_one()
        # sudo: the allowed users and teams may belong to another company.
        template = self.sudo()
        if not template.ps_allowed_user_ids and not template.ps_allowed_team_ids:
            return True
        if user in template.ps_allowed_user_ids:
            return True
        return bool(set(template.ps_allowed_team_ids.ids) & set(self._ps_user_team_ids(user)))

    def _ps_check_can_sell(self, user=None):
        """Raise a UserError unless ``user`` (default: current user) may sell
        every product of ``self``: the product must be enabled for sale, and
        the user must be allowed to sell it unless they are a sales manager.
        """
        user = user or self.env.user
        is_manager = user.has_group("sales_team.group_sale_manager")
        for template in self:
            if not template.active or not template.sale_ok:
                raise UserError(
                    self.env._(
                        "The service %(product)s is disabled: it cannot be sold. Ask a sales "
                        "manager to enable it (Can be Sold) or choose another service.",
                        product=template.display_name,
                    )
                )
            if not is_manager and not template._ps_is_sellable_by(user):
                raise UserError(
                    self.env._(
                        "%(user)s is not allowed to sell the service %(product)s. It is reserved "
                        "for its allowed salespeople and sales teams: choose another service "
                        "or ask a sales manager.",
                        user=user.name,
                        product=template.display_name,
                    )
                )
