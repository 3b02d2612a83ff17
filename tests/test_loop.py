"""The whole loop, lead to cash to knowledge, each step done by the role that
does it and checked by figures computed here from the amounts used."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

CONTRACT_VALUE = 12 * 1000.0  # 12 man-days at 1,000
FIRST, FINAL = 0.3, 0.7  # payment milestones
HOURLY_COST = 50.0
HOURS = 8.0
TAXI = 120.0


@tagged("post_install", "-at_install")
class TestLeadToCashLoop(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # The database's own approval chains (demo) are not what this story tests.
        cls.env["tier.definition"].search([]).active = False
        cls.sales = new_test_user(
            cls.env, login="ps_loop_sales", groups="sales_team.group_sale_salesman"
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
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Loop consultant",
                "user_id": cls.member.id,
                "work_contact_id": cls.member.partner_id.id,
                "hourly_cost": HOURLY_COST,
            }
        )
        template = cls.env["ps.wbs.template"].create(
            {
                "name": "Loop engagement",
                "node_ids": [
                    Command.create({"name": "Diagnostic", "planned_hours": 16.0}),
                    Command.create({"name": "Recommendations", "planned_hours": 8.0}),
                ],
                "deliverable_ids": [
                    Command.create(
                        {
                            "name": "Final report",
                            "phase": "closing",
                            "confidentiality": "confidential",
                        }
                    ),
                ],
            }
        )
        project_type = cls.env["ps.project.type"].create(
            {"name": "Loop consulting", "code": "LOOP", "wbs_template_id": template.id}
        )
        cls.service = cls.env["product.product"].create(
            {
                "name": "Loop strategy day",
                "type": "service",
                "list_price": 1000.0,
                "taxes_id": [Command.clear()],
                "ps_project_type_id": project_type.id,
            }
        )
        cls.taxi = cls.env["product.product"].create(
            {
                "name": "Loop taxi",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.travel = cls.env.ref("ps_expense_finance.ps_cost_category_travel")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Loop Industries", "is_company": True, "ps_is_customer": True}
        )

    def _pnl(self, project):
        self.env.flush_all()
        pnl = self.env["ps.project.pnl"].browse(project.id)
        pnl.invalidate_recordset()
        return pnl

    def test_lead_to_cash_to_knowledge(self):
        # 1. The salesperson wins the opportunity with its quoted services.
        lead = (
            self.env["crm.lead"]
            .with_user(self.sales)
            .create(
                {
                    "name": "Loop growth strategy",
                    "type": "opportunity",
                    "partner_id": self.customer.id,
                    "team_id": False,
                    "ps_service_line_ids": [
                        Command.create(
                            {"product_id": self.service.id, "quantity": 12, "price_unit": 1000}
                        )
                    ],
                }
            )
        )
        lead.action_set_won()
        self.assertEqual(lead.probability, 100)

        # 2. ...creates the contract in one click, plans the collections, has it signed.
        action = lead.action_ps_create_contract()
        contract = self.env["ps.contract"].with_user(self.sales).browse(action["res_id"])
        self.assertEqual(contract.amount_total, CONTRACT_VALUE)
        self.assertEqual(contract.partner_id, self.customer)
        contract.milestone_ids = [
            Command.create(
                {"name": "Kick-off", "percentage": FIRST * 100, "date_due": "2026-12-15"}
            ),
            Command.create(
                {"name": "Final report", "percentage": FINAL * 100, "trigger": "deliverable"}
            ),
        ]
        contract.action_submit_review()
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

        # 3. ...and hands it over: the project comes from the service's type and template.
        contract.action_create_project()
        project = contract.sudo().project_id
        self.assertEqual(contract.state, "execution")
        self.assertEqual(len(project.task_ids), 2)
        self.assertEqual(project.ps_planned_hours, 24.0)
        final_report = project.ps_deliverable_ids
        self.assertEqual(final_report.name, "Final report")
        payment = contract.milestone_ids.filtered(lambda m: m.trigger == "deliverable")
        self.assertEqual(payment.deliverable_id, final_report)

        # 4. The PMO names the project manager, who passes the start and plan gates.
        project.with_user(self.pmo).write({"user_id": self.pm.id})
        project.message_subscribe(self.member.partner_id.ids)
        project = project.with_user(self.pm)
        project.action_ps_request_initiation()
        project.action_ps_request_plan()
        self.assertEqual((project.ps_phase, project.ps_baseline_version), ("execution", 1))

        # 5. The member works 8 hours and files a taxi: labour is actual at once,
        #    the claim is committed until finance posts it.
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
        labour = HOURS * HOURLY_COST
        pnl = self._pnl(project)
        self.assertAlmostEqual(pnl.actual_cost, labour)
        self.assertAlmostEqual(pnl.committed_cost, TAXI)
        sheet.with_user(self.finance).action_approve_expense_sheets()
        sheet.with_user(self.finance).action_sheet_move_post()
        pnl = self._pnl(project)
        self.assertAlmostEqual(pnl.actual_cost, labour + TAXI)
        self.assertAlmostEqual(pnl.committed_cost, 0.0)

        # 6. The member hands in the final report; the manager accepts it, which
        #    asks for the final instalment's invoice and files the report in the vault.
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
        final_report.with_user(self.pm).action_accept()
        request = payment.invoice_request_ids
        self.assertEqual((len(request), request.state), (1, "draft"))
        self.assertAlmostEqual(request.amount, FINAL * CONTRACT_VALUE)

        # 7. The salesperson submits the request; finance approves and issues the invoice.
        request.with_user(self.sales).action_submit()
        request.with_user(self.finance).action_approve()
        request.with_user(self.finance).action_issue()
        invoice = request.sudo().move_id
        self.assertEqual((invoice.state, invoice.amount_total), ("posted", FINAL * CONTRACT_VALUE))
        self.assertEqual(
            invoice.invoice_line_ids.analytic_distribution, {str(project.account_id.id): 100}
        )
        self.assertAlmostEqual(contract.amount_invoiced, FINAL * CONTRACT_VALUE)
        self.assertAlmostEqual(self._pnl(project).invoiced, FINAL * CONTRACT_VALUE)

        # 8. The salesperson records the customer's payment; finance confirms it.
        collection = (
            self.env["ps.contract.collection"]
            .with_user(self.sales)
            .create(
                {
                    "contract_id": contract.id,
                    "milestone_id": payment.id,
                    "amount": FINAL * CONTRACT_VALUE,
                    "date": "2026-12-20",
                }
            )
        )
        self.assertAlmostEqual(contract.amount_collected, 0.0)
        collection.with_user(self.finance).action_confirm()
        self.assertAlmostEqual(contract.amount_collected, FINAL * CONTRACT_VALUE)
        pnl = self._pnl(project)
        self.assertAlmostEqual(pnl.collected, FINAL * CONTRACT_VALUE)
        self.assertAlmostEqual(pnl.contract_value, contract.amount_untaxed)
        self.assertAlmostEqual(pnl.margin, pnl.revenue_actual - (labour + TAXI))

        # 9. The project closes with its lessons learned, which become knowledge.
        self.env["project.task"].search([("project_id", "=", project.id)]).with_user(self.pm).write(
            {"state": "1_done"}
        )
        project.ps_lessons_learned = "<p>Interview the sponsor in week one</p>"
        project.action_ps_request_closure()
        self.assertEqual(project.ps_phase, "closing")
        article = self.env["ps.knowledge.article"].search([("project_ids", "in", project.ids)])
        self.assertEqual(len(article), 1)
        self.assertIn("Interview the sponsor", str(article.sudo().body))
        archived = self.env["ps.document"].sudo().search([("deliverable_id", "=", final_report.id)])
        self.assertEqual(archived.mapped("name"), ["final-report.txt"])
        self.assertEqual(archived.confidentiality, "confidential")
