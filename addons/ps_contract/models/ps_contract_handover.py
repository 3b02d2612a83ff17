from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date


class PsContract(models.Model):
    """Contract → project (DR1 hand-over): the delivery project of a signed
    contract, from its services' project type and WBS template."""

    _inherit = "ps.contract"  # pylint: disable=consider-merging-classes-inherited

    def _ps_project_type(self):
        self.ensure_one()
        # sudo: salespeople do not read project types (a delivery setting).
        return self.sudo().line_ids.product_id.product_tmpl_id.ps_project_type_id[:1]

    def _ps_project_brief(self):
        """The hand-over brief put in the project's description: scope, not money.

        Project members read the description; the contract value, service prices
        and milestone amounts stay on the contract, where the rights of sales,
        finance and the PMO already show them. Names typed by users (customer,
        services, milestones) are escaped: the brief is HTML."""
        self.ensure_one()
        services = Markup().join(
            Markup("<li>%s × %s</li>") % (line.name, f"{line.quantity:g}") for line in self.line_ids
        )
        milestones = Markup().join(
            Markup("<li>%s</li>")
            % (
                self.env._(
                    "%(name)s (due %(date)s)", name=m.name, date=format_date(self.env, m.date_due)
                )
                if m.date_due
                else m.name
            )
            for m in self.milestone_ids
        )
        parts = [
            Markup("<p>%s</p>")
            % self.env._(
                "Delivery of contract %(name)s for %(customer)s.",
                name=Markup("<b>%s</b>") % self.display_name,
                customer=self.partner_id.display_name,
            )
        ]
        if services:
            parts.append(Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Services:"), services))
        if milestones:
            parts.append(Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Milestones:"), milestones))
        return Markup().join(parts)

    def action_create_project(self):
        """Create the delivery project of a signed contract from the project type
        (and WBS template) of its services, and link the payment milestones
        triggered by project milestones to the project's milestones."""
        self.ensure_one()
        self._ps_check_state(("signed",), self.env._("handed over to delivery"))
        self.check_access("write")
        if self.project_id:
            raise UserError(
                self.env._(
                    "Contract %(name)s already has its project %(project)s.",
                    name=self.display_name,
                    project=self.project_id.display_name,
                )
            )
        project_type = self._ps_project_type()
        # sudo: salespeople hand the signed contract over to delivery without
        # being project administrators; the project is created for the contract only.
        Project = self.env["project.project"].sudo().with_company(self.company_id)
        project = Project.create(
            {
                "name": self.title,
                # the PMO names the project manager: not whoever hands over
                "user_id": False,
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "ps_project_type_id": project_type.id,
                "date_start": self.date_start,
                "date": self.date_end,
                "description": self._ps_project_brief(),
                "allow_milestones": bool(self.milestone_ids.filtered("project_milestone_id"))
                or any(m.trigger == "project_milestone" for m in self.milestone_ids),
            }
        )
        if not project.account_id:
            project._create_analytic_account()
        # the salesperson follows the delivery (reads the project, not edits it)
        project.message_subscribe(partner_ids=self.user_id.partner_id.ids)
        if project_type.wbs_template_id:
            project._ps_instantiate_template(project_type.wbs_template_id)
        self._ps_link_project_milestones(project)
        self._ps_assign_invoices_to_project(project)
        self._ps_internal().write({"project_id": project.id, "state": "execution"})
        self.message_post(
            body=self.env._("Delivery project %(project)s created.", project=project.name)
        )
        return True

    def _ps_assign_invoices_to_project(self, project):
        """Invoices issued before the project existed (a down payment at
        signature) carry no analytic account: put their lines on the project's,
        so that the project's revenue and margin count them. One write for all
        lines; Odoo recreates the analytic lines of posted entries."""
        self.ensure_one()
        lines = self.sudo().invoice_request_ids.move_id.invoice_line_ids.filtered(
            lambda line: line.display_type == "product" and not line.analytic_distribution
        )
        if lines:
            lines.write({"analytic_distribution": {str(project.account_id.id): 100}})

    def _ps_link_project_milestones(self, project):
        """Payment milestones triggered by a project milestone: link each one to
        the project milestone of the same name, or create it. Those triggered by
        a deliverable: link each one to the project's deliverable of the same
        name (from the WBS template), if any; otherwise link it by hand."""
        self.ensure_one()
        ProjectMilestone = self.env["project.milestone"].sudo()
        existing = {m.name.strip().lower(): m for m in project.sudo().milestone_ids}
        for milestone in self.milestone_ids.filtered(
            lambda m: m.trigger == "project_milestone" and not m.project_milestone_id
        ):
            target = existing.get(milestone.name.strip().lower())
            if not target:
                target = ProjectMilestone.create(
                    {
                        "name": milestone.name,
                        "project_id": project.id,
                        "deadline": milestone.date_due,
                    }
                )
            milestone._ps_internal().write({"project_milestone_id": target.id})
        if self.milestone_ids.filtered("project_milestone_id"):
            project.sudo().allow_milestones = True
        deliverables = {d.name.strip().lower(): d for d in project.sudo().ps_deliverable_ids}
        for milestone in self.milestone_ids.filtered(
            lambda m: m.trigger == "deliverable" and not m.deliverable_id
        ):
            deliverable = deliverables.get(milestone.name.strip().lower())
            if deliverable:
                milestone._ps_internal().write({"deliverable_id": deliverable.id})
