from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsServiceCategory(models.Model):
    """Category of the service catalog, e.g. Management consulting / Strategy.

    Categories form a tree (``parent_path``) so that the catalog, the search
    views (``child_of``) and the product sales analysis can work on a whole
    branch: a firm's service lines (consulting, training, audit …) at the top,
    finer offerings below.
    """

    _name = "ps.service.category"
    _description = "Service Category"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "sequence, complete_name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True, index="trigram"
    )
    code = fields.Char(help="Short code of the category, e.g. MC or AUD.")
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        "ps.service.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ps.service.category", "parent_id", string="Subcategories")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the category between all companies.",
    )
    product_count = fields.Integer(
        string="Services", compute="_compute_product_count", help="Services of this branch."
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A service category with this code already exists in this company.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {category.name}"
            else:
                category.complete_name = category.name

    def _compute_product_count(self):
        """Count the catalog services of each category and its subcategories
        with one grouped query."""
        category_ids = [cid for cid in self._origin.ids if cid]
        counts = {}
        if category_ids:
            counts = dict(
                self.env["product.template"]._read_group(
                    [
                        ("ps_is_service_offering", "=", True),
                        ("ps_service_category_id", "child_of", category_ids),
                    ],
                    ["ps_service_category_id"],
                    ["__count"],
                )
            )
        branches = {sub: {int(x) for x in sub.parent_path.split("/") if x} for sub in counts}
        for category in self:
            category_id = category._origin.id
            category.product_count = sum(
                count for sub, count in counts.items() if category_id in branches[sub]
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            self._ps_raise_cycle_error()

    def write(self, vals):
        # Refuse a cycle with a clear message before the parent store update
        # detects it (it would only say "Recursion Detected.").
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            ancestors = {int(x) for x in (parent.parent_path or "").split("/") if x}
            if parent in self or ancestors & set(self.ids):
                self._ps_raise_cycle_error()
        return super().write(vals)

    def action_view_services(self):
        """Open the catalog services of this category and its subcategories."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_crm.product_template_action_ps_service_catalog"
        )
        action["domain"] = [
            ("ps_is_service_offering", "=", True),
            ("ps_service_category_id", "child_of", self.id),
        ]
        action["context"] = {
            "default_type": "service",
            "default_ps_service_category_id": self.id,
            "ps_service_catalog": True,
        }
        action["display_name"] = self.complete_name
        return action

    def _ps_raise_cycle_error(self):
        raise ValidationError(
            self.env._(
                "A service category cannot be its own parent or the parent of one of its "
                "parents: choose another parent category for %(categories)s.",
                categories=", ".join(self.mapped("name")),
            )
        )
