from django.shortcuts import get_object_or_404, render

from cases.roles import editor_required

from .models import Article, ProposedEntry, ReviewStatus


@editor_required
def review_queue(request):
    pending = ProposedEntry.objects.filter(status=ReviewStatus.PENDING).select_related("article")
    return render(request, "sources/review.html", {"proposed_entries": pending})


@editor_required
def article_list(request):
    articles = Article.objects.select_related("outlet")
    return render(request, "sources/articles.html", {"articles": articles})


@editor_required
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    return render(request, "sources/article.html", {"article": article})
