from odoo import api, fields, models
from odoo.exceptions import UserError


class PsKnowledgeArticle(models.Model):
    """What the firm knows, written down for reuse: methods, insight, lessons
    learned, linked to the projects it comes from and the services it serves.
    Employees read published articles and write their own."""

    _name = "ps.knowledge.article"
    _description = "Knowledge Article"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_published desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    category_id = fields.Many2one("ps.knowledge.category", index=True, ondelete="restrict")
    body = fields.Html(sanitize=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, index=True, tracking=True
    )
    date_published = fields.Date(readonly=True, copy=False)
    project_ids = fields.Many2many("project.project", string="Projects", check_company=True)
    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Services",
        domain="[('type', '=', 'service')]",
    )
    tag_ids = fields.Many2many("ps.document.tag", string="Tags")
    gate_id = fields.Many2one(
        "ps.project.gate",
        string="Closure Gate",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The project closure whose lessons learned this article publishes.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "published":
                vals.setdefault("date_published", fields.Date.context_today(self))
        return super().create(vals_list)

    def action_publish(self):
        if self.filtered(lambda a: a.state == "published"):
            raise UserError(self.env._("The article is already published."))
        self.write({"state": "published", "date_published": fields.Date.context_today(self)})
        return True

    def action_unpublish(self):
        self.write({"state": "draft"})
        return True
