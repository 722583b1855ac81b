"""Provides ProblemsList: the draft's problems, errors first; choosing one goes to its field."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from connect_tui.core.problems import Problem
from connect_tui.ui.lazy_styles import LazyComponentStyles
from connect_tui.ui.widgets.problems_title import CHECKING


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, each in the validator's order (which follows the request)."""
    return [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]


def problem_line(problem: Problem) -> Content:
    """One problem as a line: a severity mark, its path and its message, all literal text."""
    mark = ("✖ ", "$text-error") if problem.is_error else ("▲ ", "$text-warning")
    return Content.assemble(mark, (problem.path, "bold"), ": ", problem.message)


class ProblemsList(LazyComponentStyles, OptionList):
    """The draft's problems; enter or a click on one posts `ProblemsList.Selected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to field", show=False, id="problems.select"),
    ]

    DEFAULT_CSS = """
    ProblemsList {
        border: round $border-blurred;
        border-title-color: $text-muted;
        padding: 0 1;
        background: $surface;
        /* Room for the scrollbar always: OptionList measures each problem's lines once, so
           a scrollbar appearing later would narrow the text and cut its last line. */
        scrollbar-gutter: stable;
    }
    ProblemsList:focus {
        border: round $border;
    }
    ProblemsList.-errors {
        border-title-color: $text-error;
    }
    ProblemsList.-loading {
        border-title-color: $text-muted;
    }
    """

    class Selected(Message):
        """The user chose a problem: the screen should show its field."""

        def __init__(self, problems: ProblemsList, problem: Problem) -> None:
            super().__init__()
            self.problems = problems
            self.problem = problem

        @property
        def control(self) -> ProblemsList:
            """The list the problem was chosen in."""
            return self.problems

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, disabled: bool = False
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.problems: list[Problem] = []
        self.loading_model = True

    def on_mount(self) -> None:
        self.add_class("-loading")
        self.border_title = CHECKING

    def show(self, problems: list[Problem]) -> None:
        """Replace the list with `problems` (errors first), keeping the highlight when it can."""
        ordered = sort_problems(problems)
        if not self.loading_model and ordered == self.problems:
            return  # most keystrokes change nothing here: keep the list (and its scroll) as is
        self.loading_model = False
        self.remove_class("-loading")
        previous = self.highlighted
        self.problems = ordered
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        self.set_options(
            Option(problem_line(problem), id=f"problem-{index}")
            for index, problem in enumerate(self.problems)
        )
        if self.problems:
            self.highlighted = min(previous or 0, len(self.problems) - 1)
        self.set_class(errors > 0, "-errors")
        if not self.problems:
            self.border_title = "Problems: none"
        else:
            parts = [f"{errors} error{'s' if errors != 1 else ''}"]
            if warnings:
                parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
            self.border_title = "Problems: " + ", ".join(parts)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a send."""
        return [p for p in self.problems if p.is_error]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.problems):
            self.post_message(self.Selected(self, self.problems[event.option_index]))
