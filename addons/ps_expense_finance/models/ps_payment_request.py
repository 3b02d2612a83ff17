from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

REQUEST_STATES = [
    ("draft", "Draft"),
    ("submitted", "To Approve"),
    ("approved", "Approved"),
    ("billed", "Billed"),
    ("cancel", "Rejected"),
]


class PsPaymentRequest(models.Model):
    """A request to pay a supplier for a project (outsourcing, materials).

    The requester fills it and submits it; OCA tier validation approves it
    (reviewers per project type, and an extra tier when it exceeds the remaining
    budget of its category); finance then creates the vendor bill. It is a
    commitment of the project until finance posts the bill, then the bill's
    analytic lines are the actual cost.
    """

    _name = "ps.payment.request"
    _description = "Payment Request"
    _inherit = ["ps.reference.mixin", "ps.finance.request", "mail.thread", "mail.activity.mixin"]
    _ps_decider_group = "ps_contract.group_ps_finance"
    _order = "id desc"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('account_id', '!=', False)]",
    )
    project_manager_id = fields.Many2one(
        related="project_id.user_id", store=True, string="Project Manager"
    )
    project_type_id = fields.Many2one(
        related="project_id.ps_project_type_id", store=True, string="Project Type"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requester",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Supplier", required=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    category_id = fields.Many2one(
        "ps.cost.category",
        string="Cost Category",
        required=True,
        ondelete="restrict",
        tracking=True,
    )
    product_id = fields.Many2one(
        "product.product",
        check_company=True,
        help="Product put on the vendor bill (its expense account is used).",
    )
    amount = fields.Monetary(required=True, tracking=True, help="Untaxed amount to pay.")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    date_due = fields.Date(string="Due Date")
    description = fields.Text(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "ps_payment_request_attachment_rel",
        "request_id",
        "attachment_id",
        string="Attachments",
        help="Quote, contract or invoice of the supplier.",
    )
    state = fields.Selection(
        REQUEST_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    ps_over_budget = fields.Boolean(
        string="Over Budget",
        readonly=True,
        copy=False,
        help="Exceeded the remaining budget of its category when it was submitted: "
        "it needs the over-budget approval.",
    )
    move_id = fields.Many2one(
        "account.move", string="Vendor Bill", readonly=True, copy=False, index="btree_not_null"
    )
    move_state = fields.Selection(related="move_id.state", string="Bill Status")

    @api.constrains("amount")
    def _check_amount(self):
        for request in self:
            if request.currency_id.compare_amounts(request.amount, 0.0) <= 0:
                raise ValidationError(
                    self.env._("The amount of a payment request must be positive.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" and not self.env.su:
                raise UserError(self.env._("A new payment request starts as a draft."))
        projects = {vals["project_id"] for vals in vals_list if vals.get("project_id")}
        self.env["project.project"].browse(projects)._ps_check_open(self.env._("request payments"))
        self._ps_assign_references(vals_list)
        requests = super().create(vals_list)
        requests._ps_check_month_open()
        return requests

    def write(self, vals):
        if "state" in vals and not self._ps_is_internal():
            raise UserError(
                self.env._(
                    "The state of a payment request changes through its buttons, not by editing it."
                )
            )
        if vals.get("project_id"):
            self.env["project.project"].browse(vals["project_id"])._ps_check_open(
                self.env._("request payments")
            )
        locked_fields = {"project_id", "partner_id", "category_id", "amount", "product_id"}
        if locked_fields & set(vals) and not self._ps_is_internal():
            locked = self.filtered(lambda r: r.state not in ("draft", "cancel"))
            if locked:
                raise UserError(
                    self.env._(
                        "Payment request %(name)s was submitted: its project, supplier, "
                        "category and amount no longer change.",
                        name=locked[0].name,
                    )
                )
        dated = {"project_id", "date", "amount", "category_id"} & set(vals)
        if dated:
            self._ps_check_month_open()  # moving a request out of a closed month
        res = super().write(vals)
        if dated:
            self._ps_check_month_open()  # moving a request into a closed month
        return res

    def _ps_check_month_open(self):
        # As superuser: the lock holds whoever reads the request's project.
        self.env["ps.project.period"]._ps_check_month_open(
            (request.project_id.id, None, request.date) for request in self.sudo()
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_month(self):
        self._ps_check_month_open()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for request in self:
            if request.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Payment request %(name)s was submitted: it cannot be deleted.",
                        name=request.name,
                    )
                )

    def action_submit(self):
        """Send the request to its reviewers (finance, where no rule applies)."""
        self.project_id._ps_lock_budget()
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._("Payment request %(name)s is not a draft.", name=request.name)
                )
            over = request.project_id._ps_exceeds_budget({request.category_id: request.amount})
            request._ps_submit_for_review({"ps_over_budget": bool(over)})
        self.project_id._ps_check_budget_overrun()
        return True

    def action_draft(self):
        for request in self.filtered(lambda r: r.state == "cancel"):
            request.review_ids.sudo().unlink()
            request._ps_internal().write({"state": "draft", "ps_over_budget": False})
        return True

    def _ps_project_account(self):
        """The project's analytic account, created when it has none. As superuser:
        finance bills the requests of projects it does not follow (members-only
        projects are invisible to it) and does not administer projects."""
        self.ensure_one()
        project = self.project_id.sudo()
        if not project.account_id:
            project._create_analytic_account()
        return project.account_id

    def action_create_bill(self):
        """Finance: create the draft vendor bill of an approved request."""
        if not self.env.user.has_group("ps_contract.group_ps_finance"):
            raise UserError(
                self.env._("Only finance creates the vendor bill of a payment request.")
            )
        for request in self:
            if request.state != "approved":
                raise UserError(
                    self.env._(
                        "Payment request %(name)s is not approved: it cannot be billed yet.",
                        name=request.name,
                    )
                )
            line = {
                "name": request.description,
                "quantity": 1,
                "price_unit": request.amount,
                "tax_ids": [Command.clear()],
                "analytic_distribution": {str(request._ps_project_account().id): 100},
                "ps_cost_category_id": request.category_id.id,
            }
            if request.product_id:
                line["product_id"] = request.product_id.id
            move = (
                self.env["account.move"]
                .with_company(request.company_id)
                .create(
                    {
                        "move_type": "in_invoice",
                        "partner_id": request.partner_id.id,
                        "invoice_date_due": request.date_due,
                        "ref": request.name,
                        "ps_payment_request_id": request.id,
                        "invoice_line_ids": [Command.create(line)],
                    }
                )
            )
            if request.attachment_ids:
                request.attachment_ids.copy({"res_model": "account.move", "res_id": move.id})
            request._ps_internal().write({"state": "billed", "move_id": move.id})
        if len(self) == 1:
            return self.action_open_bill()
        return True

    def action_open_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
