from django.shortcuts import get_object_or_404, redirect, render

from .models import Case, Party, Proposal, TimelineEntry
from .roles import analyst_required


@analyst_required
def dashboard(request):
    cases = Case.objects.select_related("detainee").prefetch_related("status_changes")
    return render(request, "cases/dashboard.html", {"cases": cases})


@analyst_required
def case_detail(request, slug: str):
    case = get_object_or_404(Case.objects.prefetch_related("status_changes"), slug=slug)
    entries = case.entries.visible_to(request.user).select_related("speaker")
    return render(request, "cases/case.html", {"case": case, "entries": entries})


@analyst_required
def proposal_detail(request, slug: str):
    proposal = get_object_or_404(Proposal, slug=slug)
    return render(request, "cases/proposal.html", {"proposal": proposal})


@analyst_required
def party_detail(request, slug: str):
    party = get_object_or_404(Party, slug=slug)
    return render(request, "cases/party.html", {"party": party})


@analyst_required
def entry_detail(request, pk: int):
    entry = get_object_or_404(TimelineEntry.objects.visible_to(request.user), pk=pk)
    case = entry.cases.first()
    if case is None:
        return render(request, "cases/entry.html", {"entry": entry})
    return redirect(f"{case.get_absolute_url()}#entry-{entry.pk}")
