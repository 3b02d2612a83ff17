/** @odoo-module **/

// The whole loop, lead to cash to knowledge, one tour per step, each run by the
// user of the role that does it (see tests/test_loop_tour.py, which sets up the
// story and checks what every step produced). Each tour ends on a screen worth
// a screenshot.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { inputFiles } from "@web/../tests/utils";

const tours = registry.category("web_tour.tours");
const { DateTime } = luxon;

/** A step that waits until the form's statusbar shows `value`. */
function statusIs(value) {
    return {
        content: `The status is now ${value}`,
        trigger: `.o_form_view .o_statusbar_status button[data-value='${value}'][aria-checked='true']`,
    };
}

/** Steps that open a menu of the current app. */
function openMenu(parentXmlid, xmlid) {
    return [
        {
            trigger: `.o_main_navbar button[data-menu-xmlid='${parentXmlid}']`,
            run: "click",
        },
        {
            trigger: `.o-dropdown--menu a[data-menu-xmlid="${xmlid}"]`,
            run: "click",
        },
    ];
}

/** Steps that add payment milestone number `index` (from 1) to the contract's
 * collection plan. */
function addMilestone(index, name, percentage, { date, trigger } = {}) {
    const row = `div[name='milestone_ids'] .o_data_row:nth-child(${index}).o_selected_row`;
    const steps = [
        {
            content: `Add the payment milestone ${name}`,
            trigger: "div[name='milestone_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: `${row} div[name='percentage'] input`,
            run: `edit ${percentage}`,
        },
    ];
    if (trigger) {
        steps.push({
            trigger: `${row} div[name='trigger'] select`,
            run: `select "${trigger}"`,
        });
    }
    if (date) {
        steps.push({
            trigger: `${row} div[name='date_due'] input`,
            run: `edit ${date.toFormat("MM/dd/yyyy")} && press Escape`,
        });
    }
    steps.push(
        {
            trigger: `${row} div[name='name'] input`,
            run: `edit ${name}`,
        },
        {
            trigger: `${row} div[name='name'] input:value('${name}')`,
        }
    );
    return steps;
}

// 1. Sales: the opportunity passes its control point and is won; its contract
//    gets three payment milestones, is reviewed, signed and handed over.
tours.add("ps_loop_1_sales", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root", "Open CRM"),
        {
            content: "Open the opportunity",
            trigger: ".o_kanban_record:contains('Loop growth strategy')",
            run: "click",
        },
        {
            content: "The sales team's control point has a checklist",
            trigger: ".o_notebook_headers a[name='ps_gates']",
            run: "click",
        },
        {
            content: "The sponsor confirmed the budget: tick it",
            trigger:
                "div[name='ps_gate_check_ids'] .o_data_row:contains('Budget confirmed') div[name='done'] input",
            run: "click",
        },
        {
            trigger:
                "div[name='ps_gate_check_ids'] .o_data_row:contains('Budget confirmed') div[name='done'] input:checked",
        },
        {
            content: "Mark the opportunity won",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_set_won_rainbowman']",
            run: "click",
        },
        {
            trigger: ".o_form_view .ribbon:contains('Won')",
        },
        {
            content: "The won opportunity turns into a contract",
            trigger: ".o_form_view button[name='action_ps_create_contract']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name'] span:contains('CT/')",
        },
        {
            content: "Three months of work from today",
            trigger: ".o_form_view div[name='date_start'] input",
            run: `edit ${DateTime.now().toFormat("MM/dd/yyyy")} && press Escape`,
        },
        {
            trigger: ".o_form_view div[name='date_end'] input",
            run: `edit ${DateTime.now().plus({ months: 3 }).toFormat("MM/dd/yyyy")} && press Escape`,
        },
        {
            content: "Plan the collections",
            trigger: ".o_notebook_headers a[name='milestones']",
            run: "click",
        },
        ...addMilestone(1, "Signature", 30, { date: DateTime.now() }),
        ...addMilestone(2, "Interim review", 40, { date: DateTime.now().plus({ months: 2 }) }),
        ...addMilestone(3, "Final report", 30, { trigger: "deliverable" }),
        ...stepUtils.saveForm(),
        {
            content: "The milestones add up to the contract value",
            trigger: ".o_form_view div[name='milestone_total']:contains('12,000.00')",
        },
        {
            content: "Three milestones: 3,600 at signature, 4,800 at the interim review, 3,600 on the final report",
            trigger: "div[name='milestone_ids'] .o_data_row:eq(2):contains('Final report'):contains('3,600.00')",
        },
        {
            trigger: "div[name='milestone_ids'] .o_data_row:eq(1):contains('Interim review'):contains('4,800.00')",
        },
        {
            content: "Send it to review",
            trigger: ".o_form_view button[name='action_submit_review']",
            run: "click",
        },
        statusIs("review"),
        {
            content: "It waits for the sales director's review",
            trigger: ".o_form_view .alert-warning:contains('needs to be')",
        },
    ],
});

// A reviewer opens the document waiting for them (the test gives its URL) and
// validates it: used by the sales director (contract) and the PMO (gates).
tours.add("ps_loop_decide", {
    steps: () => [
        {
            content: "Validate the request",
            trigger: ".o_form_view button[name='validate_tier']",
            run: "click",
        },
        {
            content: "Nothing waits for my decision any more",
            trigger: ".o_form_view:not(:has(button[name='validate_tier'])) .o_form_saved",
        },
    ],
});

// 1 (continued). Salesperson: the contract was approved; the customer signs
// and delivery gets its project.
tours.add("ps_loop_1c_sales", {
    steps: () => [
        {
            content: "The sales director approved the contract",
            trigger: ".o_form_view .alert-success:contains('validated')",
        },
        {
            content: "Record the customer's signature",
            trigger: ".o_form_view button[name='action_sign']",
            run: "click",
        },
        statusIs("signed"),
        {
            content: "Hand it over to delivery: the project comes from the service's template",
            trigger: ".o_form_view button[name='action_create_project']",
            run: "click",
        },
        statusIs("execution"),
        {
            content: "Delivery has its project",
            trigger: ".o-mail-Message:contains('Delivery project Loop growth strategy created')",
        },
    ],
});

/** Steps that open the story's project form from the Project app. */
function openProjectForm() {
    return [
        ...stepUtils.goToAppSteps("project.menu_main_pm", "Open Project"),
        {
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the project handed over by sales",
            trigger: ".o_list_view .o_data_row td:contains('Loop growth strategy')",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('Loop growth strategy')",
        },
    ];
}

/** Steps that come back to the project form through the breadcrumb. */
function backToProject() {
    return [
        {
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Loop growth strategy')",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('Loop growth strategy')",
        },
    ];
}

/** A step that waits until the project's phase (statusbar) is `phase`. */
function phaseIs(phase) {
    return {
        content: `The project is in the ${phase} phase`,
        trigger: `.o_form_view div[name='ps_phase'] button[data-value='${phase}'][aria-checked='true']`,
    };
}

/** Steps that open one of the story project's tasks from the project form. */
function markTaskDone(content) {
    return [
        { content, trigger: ".o_form_view div[name='state'] button", run: "click" },
        { trigger: ".o-dropdown--menu .dropdown-item:contains('Done')", run: "click" },
        { trigger: ".o_form_view div[name='state'] button:contains('Done')" },
        { trigger: ".o_form_view .o_form_saved" },
    ];
}

function openTask(name) {
    return [
        {
            trigger: "button[name='action_view_tasks']",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The template's tasks have no stage yet: unfold them",
            trigger: ".o_list_view .o_group_header:contains('None')",
            run: "click",
        },
        {
            trigger: `.o_list_view .o_data_row td:contains('${name}')`,
            run: "click",
        },
        {
            trigger: `.o_breadcrumb .o_last_breadcrumb_item:contains('${name}')`,
        },
    ];
}

// 2. PMO: names the project manager of the new project.
tours.add("ps_loop_2_pmo", {
    url: "/odoo",
    steps: () => [
        ...openProjectForm(),
        phaseIs("initiation"),
        {
            content: "Name the project manager",
            trigger: ".o_form_view div[name='user_id'] input",
            run: "edit Maria",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Maria Manager')",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            trigger: ".o_form_view div[name='user_id'] input:value('Maria Manager')",
        },
    ],
});

/** Steps that add a line of ``amount`` in ``category`` to the budget form. */
function addBudgetLine(category, amount) {
    return [
        {
            content: `Budget ${amount} of ${category}`,
            trigger: ".o_form_view div[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='line_ids'] .o_selected_row div[name='category_id'] input",
            run: `edit ${category}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-menu a:contains('${category}')`,
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='line_ids'] .o_selected_row div[name='amount'] input",
            run: `edit ${amount}`,
        },
        ...stepUtils.saveForm(),
        {
            trigger: `.o_form_view div[name='line_ids'] .o_data_row:not(.o_selected_row):contains('${category}')`,
        },
    ];
}

// 2 (continued). Project manager: the budget seeded at hand-over (the
// contract's days at their cost) gets its travel and materials, and goes to
// the PMO: a project leaves Initiation only with an approved budget.
tours.add("ps_loop_2b_pm", {
    steps: () => [
        statusIs("draft"),
        {
            content: "The hand-over seeded the labour from the contract",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Labour')",
        },
        ...addBudgetLine("Travel", 500),
        ...addBudgetLine("Materials", 500),
        {
            content: "Send the budget to the PMO",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        statusIs("submitted"),
    ],
});

// 3. Project manager: the initiation decision, the consultant on the WBS, the
//    plan approved (baseline): the project is in execution.
tours.add("ps_loop_3_pm", {
    url: "/odoo",
    steps: () => [
        ...openProjectForm(),
        {
            content: "Ask for the initiation decision",
            trigger: ".o_form_view button[name='action_ps_request_initiation']",
            run: "click",
        },
        statusIs("draft"),
        {
            content: "The PMO decides it",
            trigger: ".o_form_view .alert-warning:contains('needs to be')",
        },
    ],
});

// 3 (continued). Project manager: the project started; the consultant on the
// WBS, the plan asked for approval.
tours.add("ps_loop_3c_pm", {
    url: "/odoo",
    steps: () => [
        ...openProjectForm(),
        phaseIs("planning"),
        ...openTask("Diagnostic"),
        {
            content: "Staff the diagnostic with the consultant",
            trigger: ".o_form_view div[name='user_ids'] input",
            run: "edit Colin",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Colin Consultant')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='user_ids'] .o_tag:contains('Colin Consultant')",
        },
        ...stepUtils.saveForm(),
        ...backToProject(),
        {
            content: "Invite the consultant to the (private) project",
            trigger: ".o-mail-Chatter .o-mail-Followers-button",
            run: "click",
        },
        {
            trigger: ".o-mail-Followers-dropdown a:contains('Add Followers')",
            run: "click",
        },
        {
            trigger: ".modal div[name='partner_ids'] input",
            run: "edit Colin",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Colin Consultant')",
            run: "click",
        },
        {
            trigger: ".modal div[name='partner_ids'] .o_tag:contains('Colin Consultant')",
        },
        {
            trigger: ".modal button[name='add_followers']",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o-mail-Chatter .o-mail-Followers-button",
            run: "click",
        },
        {
            content: "The consultant follows the project",
            trigger: ".o-mail-Followers-dropdown .o-mail-Follower:contains('Colin Consultant')",
        },
        {
            trigger: ".o-mail-Chatter .o-mail-Followers-button",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o-mail-Followers-dropdown))",
        },
        {
            content: "Ask for the plan approval: once approved, the plan becomes the baseline",
            trigger: ".o_form_view button[name='action_ps_request_plan']",
            run: "click",
        },
        statusIs("draft"),
        {
            content: "The PMO decides it",
            trigger: ".o_form_view .alert-warning:contains('needs to be')",
        },
    ],
});

// 3 (end). Project manager: the plan is approved, the project in execution on
// its first baseline.
tours.add("ps_loop_3e_pm", {
    url: "/odoo",
    steps: () => [
        ...openProjectForm(),
        phaseIs("execution"),
        {
            trigger: ".o_notebook_headers a[name='ps_delivery']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='ps_baseline_version']:contains('1')",
        },
    ],
});

// 4. Consultant: logs the day of interviews on the diagnostic, closes it and
//    hands in the final report.
tours.add("ps_loop_4_consultant", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("project.menu_main_pm", "Open Project"),
        ...openMenu("project.menu_project_management", "project.menu_project_management_my_tasks"),
        {
            content: "The manager staffed the consultant on the diagnostic",
            trigger: ".o_kanban_record:contains('Diagnostic'):contains('Loop growth strategy')",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name='page_timesheets']",
            run: "click",
        },
        {
            content: "Log the interviews",
            trigger: "div[name='timesheet_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='timesheet_ids'] .o_selected_row div[name='name'] input",
            run: "edit Interviews with the sponsor and the board",
        },
        {
            trigger: "div[name='timesheet_ids'] .o_selected_row div[name='unit_amount'] input",
            run: "edit 08:00",
        },
        ...stepUtils.saveForm(),
        {
            trigger: "div[name='timesheet_ids'] .o_data_row:contains('Interviews'):contains('08:00')",
        },
        ...markTaskDone("The diagnostic is done"),
        ...stepUtils.goToAppSteps("hr_expense.menu_hr_expense_root", "Open Expenses"),
        {
            content: "Claim the taxi to the customer",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Taxi to the customer",
        },
        {
            trigger: ".o_form_view div[name='product_id'] input",
            run: "edit Loop taxi",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Loop taxi')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='total_amount_currency'] input",
            run: "edit 120",
        },
        {
            content: "On the project, as a travel cost",
            trigger: ".o_form_view div[name='ps_project_id'] input",
            run: "edit Loop growth",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Loop growth strategy')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='ps_cost_category_id'] input:value('Travel')",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit_expenses']",
            run: "click",
        },
        {
            content: "Send the report to be approved",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit_sheet']",
            run: "click",
        },
        statusIs("submit"),
        ...stepUtils.goToAppSteps("project.menu_main_pm", "Open Project"),
        {
            content: "Hand in the final report",
            trigger: ".o_main_navbar a[data-menu-xmlid='ps_project_wbs.ps_project_deliverable_menu']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Loop growth strategy') td[name='name']:contains('Final report')",
            run: "click",
        },
        {
            content: "Attach the report",
            trigger: ".o_form_view div[name='attachment_ids']",
            async run() {
                const file = new File(
                    ["Loop Industries: growth strategy. Interview the sponsor in week one."],
                    "final-report.txt",
                    { type: "text/plain" }
                );
                await inputFiles(".o_form_view div[name='attachment_ids'] input.o_input_file", [
                    file,
                ]);
            },
        },
        {
            trigger: ".o_form_view div[name='attachment_ids'] .o_attachment:contains('final-report')",
        },
        {
            content: "Submit it to the project manager",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit']",
            run: "click",
        },
        statusIs("submitted"),
    ],
});

// 5. Project manager: accepts the final report (filed in the vault; its
//    payment milestone asks for the invoice).
tours.add("ps_loop_5_pm", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("project.menu_main_pm", "Open Project"),
        {
            trigger: ".o_main_navbar a[data-menu-xmlid='ps_project_wbs.ps_project_deliverable_menu']",
            run: "click",
        },
        {
            content: "The final report waits for the manager's decision",
            trigger: ".o_list_view .o_data_row:contains('Loop growth strategy'):contains('Final report') .o_field_badge:contains('Submitted')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Loop growth strategy') td[name='name']:contains('Final report')",
            run: "click",
        },
        {
            content: "Accept it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_accept']",
            run: "click",
        },
        statusIs("accepted"),
        {
            trigger: ".o_form_view div[name='accepted_by_id']:contains('Maria Manager')",
        },
    ],
});

/** Steps that open the Contracts app and one of its menus. */
function openContracts(parentXmlid, xmlid) {
    return [
        ...stepUtils.goToAppSteps("ps_contract.ps_contract_menu_root", "Open Contracts"),
        ...(xmlid ? openMenu(parentXmlid, xmlid) : []),
    ];
}

// 6. Sales: the accepted report made the last instalment due; the salesperson
//    sends its invoice request to finance.
tours.add("ps_loop_6_sales", {
    url: "/odoo",
    steps: () => [
        ...openContracts("ps_contract.ps_contract_billing_menu", "ps_contract.ps_invoice_request_menu"),
        {
            content: "The final report's instalment waits to be sent to finance",
            trigger: ".o_list_view .o_data_row:contains('Final report'):contains('3,600.00') .o_field_badge:contains('Draft')",
            run: "click",
        },
        {
            content: "Asked for by the acceptance of the final report",
            trigger: ".o_form_view div[name='is_automatic'] input:checked",
        },
        {
            content: "Submit it to finance",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit']",
            run: "click",
        },
        statusIs("to_approve"),
    ],
});

// 7. Finance: approves and posts the consultant's expense report (the cost
//    becomes actual), approves the invoice request and issues the invoice.
tours.add("ps_loop_7_finance", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "ps_expense_finance.ps_expense_finance_menu_root",
            "Open Project Finance"
        ),
        ...openMenu(
            "ps_expense_finance.ps_expense_finance_menu_costs",
            "ps_expense_finance.ps_project_expense_menu"
        ),
        {
            content: "The consultant's taxi waits for finance",
            trigger: ".o_list_view .o_data_row td:contains('Taxi to the customer')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_view_sheet']",
            run: "click",
        },
        {
            content: "Approve the expense report",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve_expense_sheets']",
            run: "click",
        },
        statusIs("approve"),
        {
            content: "Post it: the cost becomes actual on the project",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_sheet_move_post']",
            run: "click",
        },
        statusIs("post"),
        ...stepUtils.goToAppSteps("ps_contract.ps_contract_menu_root", "Open Contracts"),
        ...openMenu(
            "ps_contract.ps_contract_billing_menu",
            "ps_contract.ps_invoice_request_to_approve_menu"
        ),
        {
            content: "Open the request of the Loop contract",
            trigger: ".o_kanban_record:contains('Loop growth strategy'):contains('3,600.00')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve']",
            run: "click",
        },
        statusIs("approved"),
        {
            content: "Issue the invoice",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_issue']",
            run: "click",
        },
        statusIs("issued"),
        {
            content: "Open the invoice",
            trigger: "button[name='action_view_invoice']",
            run: "click",
        },
        statusIs("posted"),
        {
            trigger: ".o_form_view div[name='partner_id']:contains('Loop Industries')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='tax_totals']:contains('3,600.00')",
        },
    ],
});

// 8. Sales: the customer paid; the salesperson records the collection.
tours.add("ps_loop_8_sales", {
    url: "/odoo",
    steps: () => [
        ...openContracts(),
        {
            trigger: ".o_list_view .o_data_row td:contains('Loop growth strategy')",
            run: "click",
        },
        {
            content: "Record the customer's payment",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_new_collection']",
            run: "click",
        },
        {
            // opened without typing: the contract's three milestones are listed
            // by one search; typed text started a second one that, answered
            // late under load, opened the list again over the chosen milestone
            trigger: ".o_form_view div[name='milestone_id'] input",
            run: "click",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Final report')",
            run: "click",
        },
        {
            // chosen, and its onchange answered (slow under load)
            trigger: "body:not(:has(.o-autocomplete--dropdown-menu)) .o_form_view div[name='milestone_id'] input:value('Final report')",
            timeout: 30000,
        },
        {
            trigger: ".o_form_view div[name='amount'] input",
            run: "edit 3600",
        },
        ...stepUtils.saveForm(),
        statusIs("recorded"),
        {
            trigger: "body:not(:has(.o-autocomplete--dropdown-menu))",
        },
        {
            trigger: ".o_form_view div[name='amount']:contains('3,600.00')",
        },
    ],
});

// 9. Finance: confirms the collection against the bank.
tours.add("ps_loop_9_finance", {
    url: "/odoo",
    steps: () => [
        ...openContracts(
            "ps_contract.ps_contract_billing_menu",
            "ps_contract.ps_contract_collection_to_confirm_menu"
        ),
        {
            content: "Open the Loop contract's collection",
            trigger: ".o_kanban_record:contains('Loop growth strategy'):contains('3,600.00')",
            run: "click",
        },
        {
            content: "The money is on the bank statement: confirm it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        statusIs("confirmed"),
        {
            trigger: ".o_form_view div[name='confirmed_by_id']:contains('Fiona Finance')",
        },
    ],
});

// 10. Project manager: closes the last task, writes the lessons learned and
//     asks for the closure; the lessons become a knowledge article.
tours.add("ps_loop_10_pm", {
    url: "/odoo",
    steps: () => [
        ...openProjectForm(),
        ...openTask("Recommendations"),
        ...markTaskDone("The recommendations are delivered"),
        ...backToProject(),
        {
            trigger: ".o_notebook_headers a[name='ps_delivery']",
            run: "click",
        },
        {
            content: "Write down the lessons learned",
            trigger: ".o_form_view div[name='ps_lessons_learned'] .odoo-editor-editable .o-paragraph, .o_form_view div[name='ps_lessons_learned'] .odoo-editor-editable p",
            run: "editor Interview the sponsor in week one",
        },
        ...stepUtils.saveForm(),
        {
            content: "Ask for the closure",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_ps_request_closure']",
            run: "click",
        },
        statusIs("draft"),
        {
            trigger: ".o_form_view div[name='gate_type']:contains('Closure')",
        },
        {
            content: "The PMO decides it",
            trigger: ".o_form_view .alert-warning:contains('needs to be')",
        },
    ],
});

// 10 (continued). Project manager: the closure was approved; the lessons
// learned are knowledge now.
tours.add("ps_loop_10c_pm", {
    url: "/odoo",
    steps: () => [
        ...openProjectForm(),
        phaseIs("closing"),
        ...stepUtils.goToAppSteps("ps_knowledge.ps_knowledge_menu_root", "Open Knowledge Vault"),
        {
            trigger: ".o_main_navbar a[data-menu-xmlid='ps_knowledge.ps_knowledge_article_menu']",
            run: "click",
        },
        {
            content: "The lessons learned are published as an article",
            trigger: ".o_data_row td:contains('Lessons learned: Loop growth strategy'), .o_kanban_record:contains('Lessons learned: Loop growth strategy')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='body']:contains('Interview the sponsor in week one')",
        },
    ],
});

// 11. CEO: the cockpit, filtered on the story's project type, shows the
//     contract, the invoice and the money collected.
tours.add("ps_loop_11_ceo", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_dashboard.ps_dashboard_menu_root", "Open the cockpit"),
        {
            trigger: ".o_ps_cockpit .o_ps_cockpit_card[data-key='collected'] .o_ps_cockpit_value",
        },
        {
            content: "Look at the Loop consulting engagements",
            trigger: ".o_ps_cockpit select.o_ps_cockpit_type",
            run: "selectByLabel Loop consulting",
        },
        {
            content: "One contract of 12,000 (figures in thousands)",
            trigger: ".o_ps_cockpit_card[data-key='contract_value'] .o_ps_cockpit_value:contains('12.00k')",
        },
        {
            content: "7,200 invoiced (signature and final report), 3,600 collected",
            trigger: ".o_ps_cockpit_card[data-key='invoiced'] .o_ps_cockpit_value:contains('7.20k')",
        },
        {
            trigger: ".o_ps_cockpit_card[data-key='collected'] .o_ps_cockpit_value:contains('3.60k')",
        },
        {
            trigger: ".o_ps_cockpit_card[data-key='projects'] .o_ps_cockpit_value",
            run() {
                const count = this.anchor.textContent.trim();
                if (count !== "1") {
                    throw new Error(`The cockpit counts ${count} Loop consulting projects, not 1`);
                }
            },
        },
    ],
});
