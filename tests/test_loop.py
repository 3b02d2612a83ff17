"""The whole loop, lead to cash to knowledge, each step done by the role that
does it, and checked after every step by figures computed here from the
amounts used: the project's P&L (ps_expense_finance) and the executive
cockpit (ps_dashboard) must both show them."""

from datetime import timedelta

from loop_story import (
    BUDGET_LABOUR,
    BUDGET_MATERIALS,
    BUDGET_TRAVEL,
    CONTRACT_VALUE,
    DAY_RATE,
    DAYS,
    FINAL,
    FIRST,
    HOURS,
    INTERIM,
    LABOUR,
    TAXI,
    create_consultant,
    create_engagement,
    keep_only_shipped_rules,
    project_pnl,
)

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

PRINTING = 300.0  # the member's payment request to a supplier


@tagged("post_install", "-at_install")
class TestLeadToCashLoop(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One time zone for the story's "today" and the users' (the demo users'
        # differ: near midnight UTC their dates are a day apart).
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        cls.today = fields.Date.context_today(cls.env["res.users"])
        # The story runs with the approval rules the suite ships: the director
        # approves deals and contracts, the PMO gates, finance invoice and
        # payment requests (the demo's own rules are archived).
        keep_only_shipped_rules(cls.env)
        sales_groups = "base.group_user,sales_team.group_sale_salesman"
        cls.sales = new_test_user(cls.env, login="ps_loop_sales", groups=sales_groups)
        cls.director = new_test_user(
            cls.env,
            login="ps_loop_director",
            groups=sales_groups + ",sales_team.group_sale_manager",
        )
        cls.pmo = new_test_user(
            cls.env, login="ps_loop_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.pm = new_test_user(
            cls.env, login="ps_loop_pm", groups="base.group_user,project.group_project_user"
        )
        cls.member = new_test_user(
            cls.env,
            login="ps_loop_member",
            groups="base.group_user,project.group_project_user,hr_timesheet.group_hr_timesheet_user",
        )
        cls.finance = new_test_user(
            cls.env,
            login="ps_loop_finance",
            groups="base.group_user,ps_contract.group_ps_finance,account.group_account_user",
        )
        cls.ceo = new_test_user(
            cls.env, login="ps_loop_ceo", groups="base.group_user,ps_dashboard.group_ps_executive"
        )
        cls.employee = create_consultant(cls.env, cls.member)
        # The sales process: qualify before quoting, the director approves the deal.
        cls.team = cls.env["crm.team"].create(
            {"name": "Loop sales", "member_ids": [Command.set(cls.sales.ids)]}
        )
        cls.proposal_stage = cls.env.ref("crm.stage_lead3")
        cls.won_stage = cls.env.ref("crm.stage_lead4")
        Gate = cls.env["ps.ltc.gate"]
        cls.quote_gate = Gate.create(
            {
                "name": "Loop qualification",
                "gate_type": "opportunity_to_quote",
                "stage_id": cls.proposal_stage.id,
                "team_ids": [Command.set(cls.team.ids)],
                "item_ids": [Command.create({"name": "Budget confirmed"})],
            }
        )
        cls.deal_gate = Gate.create(
            {
                "name": "Loop deal approval",
                "gate_type": "quote_to_deal",
                "stage_id": cls.won_stage.id,
                "requires_approval": True,
                "team_ids": [Command.set(cls.team.ids)],
                "item_ids": [Command.create({"name": "Solution reviewed"})],
            }
        )
        cls.project_type, cls.service, cls.taxi = create_engagement(cls.env)
        cls.travel = cls.env.ref("ps_expense_finance.ps_cost_category_travel")
        cls.materials = cls.env.ref("ps_expense_finance.ps_cost_category_materials")
        cls.labour = cls.env.ref("ps_expense_finance.ps_cost_category_labour")
        cls.printer = cls.env["res.partner"].create({"name": "Loop print shop"})

    def _pmo_decides(self, project, gate_type):
        gate = project.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == gate_type and g.state == "draft"
        )
        with self.assertRaises(UserError):  # the project manager who asked does not
            gate.with_user(self.pm).validate_tier()
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual(gate.state, "approved")

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _cockpit(self, user=None, **filters):
        """The cockpit's cards (key → value) as ``user`` (the CEO by default),
        filtered on this story's project type unless other filters are given."""
        filters = filters or {"project_type_id": self.project_type.id}
        data = self.env["ps.cockpit"].with_user(user or self.ceo).get_cockpit_data(filters)
        return {card["key"]: card["value"] for card in data["cards"]}

    def assertFigures(self, project, invoiced=0.0, collected=0.0, actual=0.0, committed=0.0):
        """The project's P&L and the CEO's cockpit both show the story so far.
        Revenue is what was invoiced (no tax in this story); the margin is
        revenue minus actual costs."""
        pnl = project_pnl(self.env, project)
        expected_pnl = {
            "contract_value": CONTRACT_VALUE,
            "invoiced": invoiced,
            "collected": collected,
            "revenue_actual": invoiced,
            "actual_cost": actual,
            "committed_cost": committed,
            "margin": invoiced - actual,
        }
        self.assertEqual({key: round(pnl[key], 2) for key in expected_pnl}, expected_pnl)
        # Revenue recognised by percent of completion (no tax: the contract's
        # value is its untaxed value), and what it leaves against the invoices.
        share = 100.0 if project.sudo().ps_phase == "closing" else project.sudo().ps_progress
        recognised = round(CONTRACT_VALUE * share / 100, 2)
        expected_revenue = {
            "recognised_revenue": recognised,
            "wip": round(max(recognised - invoiced, 0.0), 2),
            "deferred_revenue": round(max(invoiced - recognised, 0.0), 2),
            "margin_recognised": round(recognised - actual, 2),
        }
        self.assertEqual({key: round(pnl[key], 2) for key in expected_revenue}, expected_revenue)
        cards = self._cockpit()
        expected_cards = {
            "projects": 1,
            "contract_value": CONTRACT_VALUE,
            "invoiced": invoiced,
            "collected": collected,
            "outstanding": invoiced - collected,
            "margin": invoiced - actual,
        }
        self.assertEqual({key: cards[key] for key in expected_cards}, expected_cards)

    def _issue_invoice(self, contract, milestone, amount):
        """The salesperson asks for the milestone's invoice; finance approves and
        issues it (posted, on the project's analytic account)."""
        request = (
            self.env["ps.invoice.request"]
            .with_user(self.sales)
            .create({"contract_id": contract.id, "milestone_id": milestone.id})
        )
        return self._approve_and_issue(request, amount)

    def _approve_and_issue(self, request, amount):
        self.assertAlmostEqual(request.amount, amount)
        request.with_user(self.sales).action_submit()
        with self.assertRaises(UserError):  # only finance approves
            request.with_user(self.sales).action_approve()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        invoice = request.sudo().move_id
        self.assertEqual((invoice.state, invoice.amount_total), ("posted", amount))
        project = request.contract_id.sudo().project_id
        if project:
            self.assertEqual(
                invoice.invoice_line_ids.analytic_distribution, {str(project.account_id.id): 100}
            )
        return invoice

    def _collect(self, contract, milestone, amount):
        """The salesperson records the customer's payment; finance confirms it."""
        collection = (
            self.env["ps.contract.collection"]
            .with_user(self.sales)
            .create(
                {
                    "contract_id": contract.id,
                    "milestone_id": milestone.id,
                    "amount": amount,
                    "date": self.today,
                }
            )
        )
        with self.assertRaises(UserError):  # only finance confirms
            collection.with_user(self.sales).action_confirm()
        collection.with_user(self.finance).action_confirm()
        self.assertEqual(collection.state, "confirmed")
        return collection

    # ------------------------------------------------------------------
    # The story
    # ------------------------------------------------------------------
    def test_lead_to_cash_to_knowledge(self):
        # 1. The salesperson registers the customer, who becomes theirs, and
        #    logs a first call whose next step lands in their activities.
        customer = (
            self.env["res.partner"]
            .with_user(self.sales)
            .create({"name": "Loop Industries", "is_company": True, "ps_is_customer": True})
        )
        self.assertEqual(customer.user_id, self.sales)
        next_call = self.today + timedelta(days=7)
        self.env["ps.customer.followup"].with_user(self.sales).create(
            {
                "partner_id": customer.id,
                "channel": "call",
                "summary": "Growth plans for next year; wants a strategy review",
                "next_step": "Send the proposal",
                "next_date": next_call,
            }
        )
        self.assertEqual(customer.ps_next_followup_date, next_call)
        activity = customer.sudo().activity_ids
        self.assertEqual(
            (activity.user_id, activity.date_deadline, activity.summary),
            (self.sales, next_call, "Send the proposal"),
        )

        # 2. The opportunity, with its quoted services, passes the control points:
        #    its checklist before the proposal, the director's approval before the deal.
        lead = (
            self.env["crm.lead"]
            .with_user(self.sales)
            .create(
                {
                    "name": "Loop growth strategy",
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "team_id": self.team.id,
                    "ps_service_line_ids": [
                        Command.create(
                            {
                                "product_id": self.service.id,
                                "quantity": DAYS,
                                "price_unit": DAY_RATE,
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(
            lead.ps_gate_check_ids.mapped("name"), ["Budget confirmed", "Solution reviewed"]
        )
        with self.assertRaisesRegex(UserError, "Budget confirmed"):
            lead.stage_id = self.proposal_stage
        lead.ps_gate_check_ids.write({"done": True})
        lead.stage_id = self.proposal_stage
        self.assertEqual(lead.ps_gate_passage_ids.mapped("state"), ["passed"])
        with self.assertRaisesRegex(UserError, "before it is approved"):
            lead.action_set_won()
        lead.action_ps_request_gate_approval()
        passage = lead.ps_gate_passage_ids.filtered(lambda p: p.gate_id == self.deal_gate)
        self.assertIn(self.director, passage.review_ids.reviewer_ids)
        self.assertNotIn(self.sales, passage.review_ids.reviewer_ids)
        with self.assertRaises(ValidationError):
            passage.with_user(self.sales).action_pass()
        passage.with_user(self.director).validate_tier()
        passage.with_user(self.sales).action_pass()
        lead.action_set_won()
        self.assertEqual((lead.stage_id, lead.probability), (self.won_stage, 100))

        # 3. ...creates the contract in one click, plans three collections, and
        #    has it reviewed (by the CEO, from the approvals inbox) and signed.
        signed_before = self._cockpit(date_from=self.today, date_to=self.today)["signed"]
        action = lead.action_ps_create_contract()
        contract = self.env["ps.contract"].with_user(self.sales).browse(action["res_id"])
        self.assertEqual((contract.partner_id, contract.amount_total), (customer, CONTRACT_VALUE))
        contract.milestone_ids = [
            Command.create({"name": "Kick-off", "percentage": FIRST * 100, "date_due": self.today}),
            Command.create(
                {
                    "name": "Diagnostic",
                    "percentage": INTERIM * 100,
                    "date_due": self.today + timedelta(days=30),
                }
            ),
            Command.create(
                {"name": "Final report", "percentage": FINAL * 100, "trigger": "deliverable"}
            ),
        ]
        kickoff, interim, final = contract.milestone_ids.sorted("id")
        self.assertEqual(
            contract.milestone_ids.sorted("id").mapped("amount"),
            [FIRST * CONTRACT_VALUE, INTERIM * CONTRACT_VALUE, FINAL * CONTRACT_VALUE],
        )
        # the CEO's inbox (executives also see what waits for any sales manager or PMO);
        # the sales director reviews the contract
        waiting = self._cockpit()["approvals"]
        contract.action_submit_review()
        self.assertEqual(self._cockpit()["approvals"], waiting + 1)
        with self.assertRaisesRegex(UserError, "still under review"):
            contract.action_sign()
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            contract.with_user(self.sales).validate_tier()
        contract.with_user(self.director).validate_tier()
        self.assertEqual(self._cockpit()["approvals"], waiting)
        contract.action_sign()
        self.assertEqual((contract.state, contract.date_signed), ("signed", self.today))
        signed_after = self._cockpit(date_from=self.today, date_to=self.today)["signed"]
        self.assertAlmostEqual(signed_after - signed_before, CONTRACT_VALUE)
        self.assertEqual(self._cockpit()["projects"], 0)

        # 4. The kick-off instalment is invoiced and paid before the work starts.
        self._issue_invoice(contract, kickoff, FIRST * CONTRACT_VALUE)
        self._collect(contract, kickoff, FIRST * CONTRACT_VALUE)
        self.assertEqual(
            (contract.amount_invoiced, contract.amount_collected),
            (FIRST * CONTRACT_VALUE, FIRST * CONTRACT_VALUE),
        )

        # 5. The salesperson hands the contract over: the project comes from the
        #    service's type and template, and the contract's figures follow it.
        contract.action_create_project()
        project = contract.sudo().project_id
        self.assertEqual(contract.state, "execution")
        self.assertEqual(len(project.task_ids), 2)
        self.assertEqual(project.ps_planned_hours, 24.0)
        final_report = project.ps_deliverable_ids
        self.assertEqual(final_report.name, "Final report")
        self.assertEqual(final.deliverable_id, final_report)
        paid = FIRST * CONTRACT_VALUE
        # The kick-off invoice was issued before the project had an analytic
        # account: it is contract revenue, not the project's.
        self.assertFigures(project, invoiced=paid, collected=paid)

        # The hand-over seeded the project's first budget from the contract: its
        # days at their cost, a draft.
        budget = project.ps_budget_ids
        self.assertEqual(
            (budget.state, budget.line_ids.category_id, budget.amount_total),
            ("draft", self.labour, BUDGET_LABOUR),
        )
        self.assertEqual(budget.revenue_amount, CONTRACT_VALUE)

        # 6. The PMO names the project manager. The start is refused until the
        #    budget is approved (DR1); the manager completes the budget, the PMO
        #    approves it, and the manager passes the start and plan gates.
        project.with_user(self.pmo).write({"user_id": self.pm.id})
        project.message_subscribe(self.member.partner_id.ids)
        project = project.with_user(self.pm)
        project.action_ps_request_initiation()
        with self.assertRaises(UserError) as refused:  # rolls back the PMO's validation
            self._pmo_decides(project, "initiation")
        self.assertIn(
            "cannot leave the Initiation phase yet: no approved budget", str(refused.exception)
        )
        self.assertEqual(project.ps_phase, "initiation")
        budget = budget.with_user(self.pm)
        budget.line_ids = [
            Command.create({"category_id": self.travel.id, "amount": BUDGET_TRAVEL}),
            Command.create({"category_id": self.materials.id, "amount": BUDGET_MATERIALS}),
        ]
        budget.action_submit()
        with self.assertRaises(UserError):  # the manager does not approve her own budget
            budget.validate_tier()
        budget.with_user(self.pmo).validate_tier()
        self.assertEqual(
            (budget.state, budget.amount_total),
            ("approved", BUDGET_LABOUR + BUDGET_TRAVEL + BUDGET_MATERIALS),
        )
        self._pmo_decides(project, "initiation")
        project.action_ps_request_plan()
        self.assertEqual(project.ps_phase, "planning")  # the PMO approves the plan
        self._pmo_decides(project, "plan")
        self.assertEqual((project.ps_phase, project.ps_baseline_version), ("execution", 1))
        pm_cards = self._cockpit(user=self.pm)
        self.assertEqual((pm_cards["projects"], pm_cards["contract_value"]), (1, CONTRACT_VALUE))

        # 7. The member works 8 hours, files a taxi and asks to pay a printer:
        #    labour is actual at once, the claim and the request are committed
        #    until finance posts them.
        diagnostic = project.task_ids.filtered(lambda t: t.name == "Diagnostic")
        self.env["account.analytic.line"].with_user(self.member).create(
            {
                "name": "Interviews",
                "project_id": project.id,
                "task_id": diagnostic.id,
                "employee_id": self.employee.id,
                "unit_amount": HOURS,
            }
        )
        self.assertEqual(project.ps_spent_hours, HOURS)
        expense = (
            self.env["hr.expense"]
            .with_user(self.member)
            .create(
                {
                    "name": "Taxi to the customer",
                    "employee_id": self.employee.id,
                    "product_id": self.taxi.id,
                    "total_amount_currency": TAXI,
                    "tax_ids": [Command.clear()],
                    "ps_project_id": project.id,
                    "ps_cost_category_id": self.travel.id,
                }
            )
        )
        sheet = (
            self.env["hr.expense.sheet"]
            .with_user(self.member)
            .create(
                {
                    "name": "Loop claim",
                    "employee_id": self.employee.id,
                    "expense_line_ids": [Command.set(expense.ids)],
                }
            )
        )
        sheet.action_submit_sheet()
        payment_request = (
            self.env["ps.payment.request"]
            .with_user(self.member)
            .create(
                {
                    "project_id": project.id,
                    "partner_id": self.printer.id,
                    "category_id": self.materials.id,
                    "amount": PRINTING,
                    "description": "Printing of the workshop material",
                }
            )
        )
        payment_request.action_submit()
        self.assertEqual(payment_request.state, "submitted")  # finance approves it
        with self.assertRaises(UserError):
            payment_request.validate_tier()
        payment_request.with_user(self.finance).validate_tier()
        self.assertEqual(payment_request.state, "approved")
        self.assertFigures(
            project, invoiced=paid, collected=paid, actual=LABOUR, committed=TAXI + PRINTING
        )
        with self.assertRaises(UserError):  # only finance bills a payment request
            payment_request.with_user(self.member).action_create_bill()

        # 8. Finance posts the claim and the supplier's bill: both become actual.
        sheet.with_user(self.finance).action_approve_expense_sheets()
        sheet.with_user(self.finance).action_sheet_move_post()
        payment_request.with_user(self.finance).action_create_bill()
        bill = payment_request.sudo().move_id
        self.assertEqual((bill.move_type, bill.amount_total), ("in_invoice", PRINTING))
        bill.with_user(self.finance).write({"invoice_date": self.today})
        bill.with_user(self.finance).action_post()
        costs = LABOUR + TAXI + PRINTING
        self.assertFigures(project, invoiced=paid, collected=paid, actual=costs)

        # 9. The interim instalment falls due and is invoiced; the customer has
        #    not paid it yet, so it is outstanding.
        self._issue_invoice(contract, interim, INTERIM * CONTRACT_VALUE)
        invoiced = paid + INTERIM * CONTRACT_VALUE
        self.assertFigures(project, invoiced=invoiced, collected=paid, actual=costs)
        receivable = (
            self.env["ps.contract.receivable"]
            .with_user(self.sales)
            .search([("contract_id", "=", contract.id)])
        )
        self.assertAlmostEqual(receivable.amount_outstanding, INTERIM * CONTRACT_VALUE)

        # 10. The member hands in the final report; the manager accepts it, which
        #     asks for the final instalment's invoice and files the report in the vault.
        final_report.with_user(self.member).write(
            {
                "attachment_ids": [
                    Command.create(
                        {
                            "name": "final-report.txt",
                            "raw": b"Recommendations",
                            "res_model": "ps.project.deliverable",
                            "res_id": final_report.id,
                        }
                    )
                ]
            }
        )
        final_report.with_user(self.member).action_submit()
        with self.assertRaises(UserError):  # a member does not accept deliverables
            final_report.with_user(self.member).action_accept()
        final_report.with_user(self.pm).action_accept()
        request = final.invoice_request_ids
        self.assertEqual((len(request), request.state), (1, "draft"))
        self._approve_and_issue(request, FINAL * CONTRACT_VALUE)
        self._collect(contract, final, FINAL * CONTRACT_VALUE)
        invoiced, collected = CONTRACT_VALUE, paid + FINAL * CONTRACT_VALUE
        self.assertEqual(
            (contract.amount_invoiced, contract.amount_collected), (invoiced, collected)
        )
        self.assertFigures(project, invoiced=invoiced, collected=collected, actual=costs)

        # 11. The project closes with its lessons learned, which become knowledge;
        #     the report is in the vault at its confidential level.
        self.env["project.task"].search([("project_id", "=", project.id)]).with_user(self.pm).write(
            {"state": "1_done"}
        )
        project.ps_lessons_learned = "<p>Interview the sponsor in week one</p>"
        project.action_ps_request_closure()
        self._pmo_decides(project, "closure")
        self.assertEqual(project.ps_phase, "closing")
        article = self.env["ps.knowledge.article"].search([("project_ids", "in", project.ids)])
        self.assertEqual(len(article), 1)
        self.assertIn("Interview the sponsor", str(article.sudo().body))
        archived = self.env["ps.document"].sudo().search([("deliverable_id", "=", final_report.id)])
        self.assertEqual(archived.mapped("name"), ["final-report.txt"])
        self.assertEqual(archived.confidentiality, "confidential")
        # Closing changes no money: the cockpit still shows the story's totals.
        self.assertFigures(project, invoiced=invoiced, collected=collected, actual=costs)
