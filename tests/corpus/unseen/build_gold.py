"""Builds tests/corpus/unseen/figures.jsonl (the gold format of shared/eval/FORMAT.md) from the labels below.

usage: .venv/bin/python tests/corpus/unseen/build_gold.py

The documents in docs/ were written for this held-out set in styles unlike the dev reports (a research firm's
press release, a prospectus industry overview, an equity-research note, a web price guide, a notice full of
non-figures). Labels are written by hand in document order; offsets are computed here: each quote is looked up
after the previous figure of its document, so `text[start:end] == quote` holds by construction.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fig(quote: str, metric: str, value: float, unit: str, subject: str, keys: list[str], *, qualifier: str = "exact",
        year: int | None = None, period: tuple[int, int] | None = None, forecast: bool = False,
        high: float | None = None, per: str | None = None, geography: str | None = None,
        segment: str | None = None) -> dict:
    return {"quote": quote, "metric": metric, "value": value, "value_high": high, "unit": unit, "per": per,
            "qualifier": qualifier, "year": year, "period_start": period[0] if period else None,
            "period_end": period[1] if period else None, "is_forecast": forecast, "subject": subject,
            "subject_keywords": keys, "geography": geography, "segment": segment}


B, M = 1e9, 1e6
LABELS: dict[str, list[dict]] = {
    "press_release_cold_chain.txt": [
        fig("USD 862.4 Billion", "market_size", 862.4 * B, "USD", "Cold Chain Logistics Market", ["cold chain"],
            year=2032, forecast=True),
        fig("USD 324.85 billion", "market_size", 324.85 * B, "USD", "global cold chain logistics market",
            ["cold chain"], year=2023, geography="global"),
        fig("USD 361.2 billion", "market_size", 361.2 * B, "USD", "global cold chain logistics market",
            ["cold chain"], year=2024, geography="global"),
        fig("USD 862.4 billion", "market_size", 862.4 * B, "USD", "global cold chain logistics market",
            ["cold chain"], year=2032, forecast=True, geography="global"),
        fig("11.5%", "cagr", 11.5, "percent", "global cold chain logistics market", ["cold chain"],
            period=(2024, 2032), forecast=True, geography="global"),
        fig("38.72%", "market_share", 38.72, "percent", "Asia Pacific share of the cold chain logistics market",
            ["asia pacific"], year=2023, geography="Asia Pacific"),
        fig("61.3%", "market_share", 61.3, "percent", "refrigerated warehousing segment share of market revenue",
            ["refrigerated warehousing"], year=2023, segment="refrigerated warehousing"),
        fig("14.2%", "cagr", 14.2, "percent", "pharmaceuticals end-use segment", ["pharmaceuticals"],
            period=(2024, 2032), forecast=True, segment="pharmaceuticals"),
        fig("USD 148.6 billion", "market_size", 148.6 * B, "USD", "U.S. cold chain logistics market",
            ["cold chain"], qualifier="approx", year=2032, forecast=True, geography="United States"),
        fig("24%", "market_share", 24.0, "percent", "Europe revenue share", ["europe"], qualifier="lower_bound",
            year=2023, geography="Europe"),
        fig("1,200 new temperature-controlled warehouses", "count", 1200.0, "warehouse",
            "new temperature-controlled warehouses commissioned worldwide", ["warehouse"],
            qualifier="lower_bound", year=2023, geography="global"),
        fig("30%", "growth_rate", 30.0, "percent", "online grocery sales in China", ["online grocery"],
            qualifier="approx", year=2023, geography="China"),
        fig("18%", "growth_rate", 18.0, "percent", "reefer container rates", ["reefer"], qualifier="approx",
            period=(2022, 2023)),
        fig("USD 1.9 million", "cost", 1.9 * M, "USD", "energy costs for a typical mid-sized cold store",
            ["energy cost"], qualifier="approx", per="year", geography="Europe"),
        fig("9.8%", "cagr", 9.8, "percent", "market for last-mile cold delivery in North America",
            ["last-mile"], period=(2024, 2030), forecast=True, geography="North America"),
        fig("double", "multiplier", 2.0, "x", "pallet positions in the region", ["pallet"], year=2030,
            forecast=True),
        fig("7 warehouses", "count", 7.0, "warehouse", "warehouses in Europe acquired by Lineage", ["warehouse"],
            year=2024, geography="Europe"),
        fig("EUR 410 million", "other", 410 * M, "EUR", "Lineage acquisition of 7 warehouses in Europe",
            ["lineage"], year=2024, geography="Europe"),
        fig("350 analysts", "count", 350.0, "analyst", "Meridian Insight Partners analysts", ["analyst"],
            qualifier="lower_bound"),
    ],
    "prospectus_robot_cleaning.txt": [
        fig("RMB3.2 billion", "market_size", 3.2 * B, "CNY", "China's commercial cleaning robot market",
            ["cleaning robot"], year=2019, geography="China"),
        fig("RMB8.7 billion", "market_size", 8.7 * B, "CNY", "China's commercial cleaning robot market",
            ["cleaning robot"], year=2023, geography="China"),
        fig("28.4%", "cagr", 28.4, "percent", "China's commercial cleaning robot market", ["cleaning robot"],
            period=(2019, 2023), geography="China"),
        fig("RMB25.6 billion", "market_size", 25.6 * B, "CNY", "China's commercial cleaning robot market",
            ["cleaning robot"], year=2028, forecast=True),
        fig("24.1%", "cagr", 24.1, "percent", "China's commercial cleaning robot market", ["cleaning robot"],
            period=(2023, 2028), forecast=True),
        fig("46,000 units", "count", 46000.0, "unit", "units of commercial cleaning robots sold in China",
            ["robot"], qualifier="approx", year=2023, geography="China"),
        fig("11,500 units", "count", 11500.0, "unit", "units of commercial cleaning robots sold in China",
            ["robot"], year=2019, geography="China"),
        fig("52.6%", "market_share", 52.6, "percent", "shopping malls and office buildings share of the market",
            ["shopping malls"], year=2023, segment="shopping malls and office buildings"),
        fig("18.9%", "market_share", 18.9, "percent", "airports and train stations share of the market",
            ["airports"], year=2023, segment="airports and train stations"),
        fig("11.4%", "market_share", 11.4, "percent", "hospitals share of the market", ["hospitals"], year=2023,
            segment="hospitals"),
        fig("31.7%", "cagr", 31.7, "percent", "hospital segment", ["hospital"], period=(2023, 2028),
            forecast=True, segment="hospital"),
        fig("RMB3.9 billion", "market_size", 3.9 * B, "CNY", "East China commercial cleaning robot market",
            ["east china"], year=2023, geography="China"),
        fig("44.8%", "market_share", 44.8, "percent", "East China share of total revenue", ["east china"],
            year=2023, geography="China"),
        fig("21.3%", "market_share", 21.3, "percent", "South China share", ["south china"], geography="China"),
        fig("63.5%", "market_share", 63.5, "percent", "top five players' combined market share", ["top five"],
            year=2023),
        fig("RMB1.12 billion", "revenue", 1.12 * B, "CNY", "our revenue", ["revenue"]),
        fig("12.9%", "market_share", 12.9, "percent", "our market share", ["share"]),
        fig("RMB198,000", "price", 198000.0, "CNY", "average selling price of a commercial cleaning robot",
            ["selling price"], per="unit", year=2019),
        fig("RMB142,000", "price", 142000.0, "CNY", "average selling price of a commercial cleaning robot",
            ["selling price"], per="unit", year=2023),
        fig("RMB105,000", "price", 105000.0, "CNY", "average selling price of a commercial cleaning robot",
            ["selling price"], per="unit", year=2028, forecast=True),
        fig("RMB24.5", "price", 24.5, "CNY", "average hourly labor cost of cleaning staff in tier-one cities",
            ["labor cost"], per="hour"),
        fig("RMB31.0", "price", 31.0, "CNY", "average hourly labor cost of cleaning staff in tier-one cities",
            ["labor cost"], per="hour"),
        fig("17%", "growth_rate", 17.0, "percent", "number of cleaning workers aged below 40 in China",
            ["cleaning workers"], period=(2019, 2023), geography="China"),
        fig("500 units", "count", 500.0, "unit", "robot density in manufacturing", ["robot density"],
            per="10,000 workers", year=2025, forecast=True),
        fig("70%", "growth_rate", 70.0, "percent", "LiDAR module prices", ["lidar"], qualifier="lower_bound"),
    ],
    "equity_note_semis.md": [
        fig("$168", "price", 168.0, "USD", "Helios price target", ["price target"], forecast=True),
        fig("$152", "price", 152.0, "USD", "Helios previous price target", ["price target"], forecast=True),
        fig("$4.82 billion", "revenue", 4.82 * B, "USD", "Helios Q3 FY2025 revenue", ["revenue"], year=2025),
        fig("14%", "growth_rate", 14.0, "percent", "Helios Q3 FY2025 revenue growth", ["revenue"], year=2025),
        fig("$4.65 billion", "revenue", 4.65 * B, "USD", "consensus revenue estimate", ["consensus"], year=2025),
        fig("$2.61 billion", "revenue", 2.61 * B, "USD", "Data-center revenue", ["data-center"]),
        fig("54%", "other_percent", 54.0, "percent", "data-center share of total revenue", ["data-center"]),
        fig("41%", "growth_rate", 41.0, "percent", "Data-center revenue growth", ["data-center"]),
        fig("62.5%", "other_percent", 62.5, "percent", "Gross margin", ["gross margin"]),
        fig("31.2%", "other_percent", 31.2, "percent", "operating margin", ["operating margin"]),
        fig("$5.0-5.2 billion", "revenue", 5.0 * B, "USD", "Q4 revenue guidance", ["revenue"], qualifier="range",
            high=5.2 * B, forecast=True),
        fig("18%", "growth_rate", 18.0, "percent", "Q4 sequential revenue growth", ["growth"], qualifier="approx",
            forecast=True),
        fig("31%", "market_share", 31.0, "percent", "Helios share of the global data-center networking ASIC market",
            ["helios"], qualifier="approx", geography="global"),
        fig("$38 billion", "market_size", 38 * B, "USD", "total addressable market", ["addressable market"],
            year=2025),
        fig("$71 billion", "market_size", 71 * B, "USD", "total addressable market", ["addressable market"],
            year=2028, forecast=True),
        fig("2.4 million accelerator cards", "count", 2.4 * M, "accelerator card", "accelerator cards shipped",
            ["accelerator card"], qualifier="lower_bound"),
        fig("1,100 enterprises", "count", 1100.0, "enterprise", "Helios customer count", ["customer"],
            qualifier="lower_bound"),
        fig("$6.85", "other", 6.85, "USD", "FY2026 EPS estimate", ["eps"], year=2026, forecast=True),
        fig("$6.10", "other", 6.10, "USD", "previous FY2026 EPS estimate", ["eps"], year=2026, forecast=True),
        fig("$168", "price", 168.0, "USD", "price target", ["price target"], forecast=True),
        fig("24.5x", "multiplier", 24.5, "x", "price target multiple of FY2026 EPS", ["eps"]),
        fig("19x", "multiplier", 19.0, "x", "stock valuation multiple of forward earnings", ["earnings"]),
        fig("26x", "multiplier", 26.0, "x", "peer average valuation multiple", ["peer"]),
        fig("$1.3 billion", "cost", 1.3 * B, "USD", "Capital expenditure", ["capital expenditure"],
            qualifier="approx", year=2026, forecast=True),
        fig("12%", "other_percent", 12.0, "percent", "revenue exposed to export restrictions", ["export"],
            qualifier="upper_bound"),
        fig("10%", "growth_rate", 10.0, "percent", "PC unit shipments decline", ["shipments"]),
        fig("$0.22", "growth_rate", 0.22, "USD", "FY2026 EPS estimate reduction", ["eps"], qualifier="approx",
            year=2026, forecast=True),
    ],
    "web_article_llm_pricing.md": [
        fig("$2.50", "price", 2.5, "USD", "GPT-4o input price", ["gpt-4o"], per="million input tokens"),
        fig("$10", "price", 10.0, "USD", "GPT-4o output price", ["gpt-4o"], per="million output tokens"),
        fig("128,000-token", "count", 128000.0, "token", "GPT-4o context window", ["context window"]),
        fig("$3", "price", 3.0, "USD", "Claude 3.7 Sonnet input price", ["claude"], per="million input tokens"),
        fig("$15", "price", 15.0, "USD", "Claude 3.7 Sonnet output price", ["claude"], per="million output tokens"),
        fig("200K-token", "count", 200000.0, "token", "Claude 3.7 Sonnet context window", ["context window"]),
        fig("$0.10", "price", 0.1, "USD", "Gemini 2.0 Flash input price", ["gemini"], per="million input tokens"),
        fig("25x", "multiplier", 25.0, "x", "Gemini 2.0 Flash price advantage over GPT-4o on input", ["cheaper"],
            qualifier="approx"),
        fig("8 H100 GPUs", "count", 8.0, "gpu", "GPUs needed to host Llama 3.1 405B", ["llama"],
            qualifier="lower_bound"),
        fig("$2.99", "price", 2.99, "USD", "on-demand cloud GPU capacity rent", ["cloud"], qualifier="approx",
            per="GPU-hour"),
        fig("2,000 tokens", "count", 2000.0, "token", "Mistral 7B throughput with batching", ["token"],
            qualifier="approx", per="second"),
        fig("90%", "growth_rate", 90.0, "percent", "price of GPT-4-class output", ["price"],
            qualifier="lower_bound"),
        fig("tenfold", "multiplier", 10.0, "x", "fall in input prices", ["input prices"], per="18 months"),
        fig("18 months", "count", 18.0, "month", "time for input prices to fall tenfold", ["input prices"]),
        fig("50%", "growth_rate", 50.0, "percent", "cost cut from batch APIs", ["cost"]),
        fig("24 hours", "count", 24.0, "hour", "time batch jobs can wait", ["wait"], qualifier="upper_bound"),
        fig("400 million weekly active users", "count", 400 * M, "active user", "ChatGPT weekly active users",
            ["chatgpt"], qualifier="lower_bound", per="week"),
        fig("2 million developers", "count", 2 * M, "developer", "developers building on the OpenAI API",
            ["developer"], qualifier="lower_bound"),
        fig("500 enterprise customers", "count", 500.0, "enterprise customer", "Claude enterprise customers",
            ["claude"], qualifier="lower_bound"),
        fig("$100,000", "other", 100000.0, "USD", "Claude enterprise contract value", ["contract"],
            qualifier="lower_bound", per="year"),
        fig("50,000 conversations", "count", 50000.0, "conversation", "support bot conversations a month",
            ["conversation"], per="month"),
        fig("1,500 tokens", "count", 1500.0, "token", "tokens per conversation", ["token"], qualifier="approx"),
        fig("75 million tokens", "count", 75 * M, "token", "support bot token usage", ["token"]),
        fig("$3", "price", 3.0, "USD", "price per million tokens in the worked example", ["price"],
            per="million tokens"),
        fig("$225", "cost", 225.0, "USD", "monthly cost of the support bot", ["cost"], per="month"),
    ],
    "notice_non_figures.txt": [
        fig("4.2 pence", "other", 0.042, "GBP", "final dividend per ordinary share", ["dividend"],
            per="ordinary share"),
        fig("9%", "growth_rate", 9.0, "percent", "revenue growth", ["revenue"]),
        fig("£214.6 million", "revenue", 214.6 * M, "GBP", "revenue", ["revenue"]),
        fig("83%", "other_percent", 83.0, "percent", "recurring revenue share of the total",
            ["recurring revenue"]),
        fig("£31.5 million", "other", 31.5 * M, "GBP", "total dividend", ["dividend"]),
        fig("1,480 people", "count", 1480.0, "person", "people employed at year end", ["employ"]),
        fig("12 countries", "count", 12.0, "country", "countries the company employs people in", ["countries"]),
    ],
}


def gold_rows() -> list[dict]:
    rows = []
    for doc, figures in LABELS.items():
        text = (HERE / "docs" / doc).read_text(encoding="utf-8")
        cursor = 0
        for figure in figures:
            start = text.index(figure["quote"], cursor)
            cursor = start + len(figure["quote"])
            rows.append({"doc": doc, "quote": figure["quote"], "start": start, "end": cursor,
                         **{k: v for k, v in figure.items() if k != "quote"}})
    return rows


if __name__ == "__main__":
    out = HERE / "figures.jsonl"
    out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in gold_rows()), encoding="utf-8")
    print(f"{out}: {sum(len(f) for f in LABELS.values())} figures in {len(LABELS)} documents")
