"""Fixed facts the generator draws from: makes, models, area codes, phrases.

Kept as constants (not read from Faker or phonenumbers at run time) so that
the same seed gives the same rows whatever version of those packages is
installed, as long as Faker's pinned name lists stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass

# Geographic US area codes that `phonenumbers` accepts with the fictional
# 555-0100..555-0199 block (toll-free, premium and personal 5XX codes left
# out). Chicago-area codes come first so local customers get them first.
LOCAL_AREA_CODES = (312, 773, 872, 630, 331, 708, 847, 224, 815, 779, 219, 262)
_AREA_CODE_TEXT = """
201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 220 223 224
225 227 228 229 231 234 235 239 240 248 251 252 253 254 256 260 262 267 269 270
272 274 276 279 281 283 301 302 303 304 305 307 308 309 310 312 313 314 315 316
317 318 319 320 321 323 324 325 326 327 329 330 331 332 334 336 337 339 341 346
347 350 351 352 353 360 361 363 364 369 380 385 386 401 402 404 405 406 407 408
409 410 412 413 414 415 417 419 423 424 425 430 432 434 435 440 442 443 445 447
448 458 463 464 469 470 472 475 478 479 480 484 501 502 503 504 505 507 508 509
510 512 513 515 516 517 518 520 530 531 534 539 540 541 551 557 559 561 562 563
564 567 570 571 572 573 574 575 580 582 585 586 601 602 603 605 606 607 608 609
610 612 614 615 616 617 618 619 620 623 626 628 629 630 631 636 640 641 645 646
650 651 656 657 659 660 661 662 667 669 678 680 681 682 686 689 701 702 703 704
706 707 708 712 713 714 715 716 717 718 719 720 724 725 726 727 728 730 731 732
734 737 738 740 743 747 748 754 757 760 762 763 765 769 770 771 772 773 774 775
779 781 785 786 801 802 803 804 805 806 808 810 812 813 814 815 816 817 818 820
821 826 828 830 831 832 835 838 839 840 843 845 847 848 850 854 856 857 858 859
860 862 863 864 865 870 872 878 901 903 904 906 907 908 909 910 912 913 914 915
916 917 918 919 920 925 928 929 930 931 934 936 937 938 940 941 943 945 947 948
949 951 952 954 956 959 970 971 972 973 975 978 979 980 983 984 985 986 989
"""
AREA_CODES = tuple(int(code) for code in _AREA_CODE_TEXT.split())
FICTIONAL_LINES = range(100, 200)  # 555-0100 .. 555-0199
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

# Where a Chicago dealership's customers live.
STATE_WEIGHTS = {"IL": 84, "IN": 7, "WI": 5, "MI": 2, "IA": 1, "MO": 1}


@dataclass(frozen=True)
class Model:
    name: str
    wmi: str  # the manufacturer's real world manufacturer identifier
    vds: str  # four VIN characters standing for line, body and engine
    trims: tuple[str, ...]
    first_year: int = 2010
    last_year: int = 9999


@dataclass(frozen=True)
class Make:
    name: str
    weight: int  # share of the cars on the lot, roughly US sales
    models: tuple[Model, ...]


MAKES = (
    Make(
        "Toyota",
        15,
        (
            Model("Camry", "4T1", "BF1F", ("LE", "SE", "XLE", "XSE")),
            Model("Corolla", "2T1", "BURH", ("L", "LE", "SE", "XSE")),
            Model("RAV4", "2T3", "WFRE", ("LE", "XLE", "Adventure", "Limited")),
            Model("Highlander", "5TD", "ZRFH", ("LE", "XLE", "Limited", "Platinum")),
            Model("Tacoma", "3TM", "CZ5A", ("SR", "SR5", "TRD Sport", "TRD Off-Road")),
        ),
    ),
    Make(
        "Ford",
        14,
        (
            Model("F-150", "1FT", "EW1E", ("XL", "XLT", "Lariat", "Platinum")),
            Model("Escape", "1FM", "CU9G", ("S", "SE", "SEL", "Titanium")),
            Model("Explorer", "1FM", "5K8D", ("Base", "XLT", "Limited", "Platinum")),
            Model("Mustang", "1FA", "6P8T", ("EcoBoost", "GT", "Mach 1")),
            Model("Fusion", "3FA", "6P0H", ("S", "SE", "Titanium"), last_year=2020),
        ),
    ),
    Make(
        "Chevrolet",
        13,
        (
            Model("Silverado 1500", "1GC", "UYDE", ("WT", "LT", "RST", "LTZ")),
            Model("Equinox", "2GN", "AXUE", ("LS", "LT", "RS", "Premier")),
            Model("Malibu", "1G1", "ZD5S", ("LS", "LT", "Premier"), last_year=2025),
            Model("Tahoe", "1GN", "SKBK", ("LS", "LT", "Z71", "Premier")),
            Model("Traverse", "1GN", "EVGK", ("LS", "LT", "RS", "High Country")),
        ),
    ),
    Make(
        "Honda",
        12,
        (
            Model("Civic", "2HG", "FC2F", ("LX", "Sport", "EX", "Touring")),
            Model("Accord", "1HG", "CV1F", ("LX", "Sport", "EX-L", "Touring")),
            Model("CR-V", "2HK", "RW2H", ("LX", "EX", "EX-L", "Touring")),
            Model("Pilot", "5FN", "YF6H", ("LX", "EX-L", "Touring", "Elite")),
            Model("Odyssey", "5FN", "RL6H", ("LX", "EX", "EX-L", "Touring")),
        ),
    ),
    Make(
        "Nissan",
        9,
        (
            Model("Altima", "1N4", "BL4B", ("S", "SV", "SR", "SL")),
            Model("Rogue", "5N1", "AT2M", ("S", "SV", "SL", "Platinum")),
            Model("Sentra", "3N1", "AB8C", ("S", "SV", "SR")),
            Model("Pathfinder", "5N1", "DR2B", ("S", "SV", "SL", "Platinum")),
            Model("Frontier", "1N6", "ED1E", ("S", "SV", "PRO-4X")),
        ),
    ),
    Make(
        "Hyundai",
        8,
        (
            Model("Elantra", "5NP", "D84L", ("SE", "SEL", "Limited")),
            Model("Sonata", "5NP", "E34A", ("SE", "SEL", "Limited")),
            Model("Tucson", "KM8", "J3CA", ("SE", "SEL", "Limited")),
            Model("Santa Fe", "5NM", "S3CD", ("SE", "SEL", "Limited", "Calligraphy")),
        ),
    ),
    Make(
        "Kia",
        7,
        (
            Model("Forte", "3KP", "F24A", ("LX", "LXS", "GT-Line")),
            Model("Optima", "5XX", "GT4L", ("LX", "EX", "SX"), last_year=2020),
            Model("K5", "5XX", "G64J", ("LX", "LXS", "GT-Line"), first_year=2021),
            Model("Sorento", "5XY", "PG4A", ("LX", "S", "EX", "SX")),
            Model("Telluride", "5XY", "P3DH", ("LX", "S", "EX", "SX"), first_year=2020),
        ),
    ),
    Make(
        "Subaru",
        7,
        (
            Model("Outback", "4S4", "BSAN", ("Base", "Premium", "Limited", "Touring")),
            Model("Forester", "JF2", "SJAE", ("Base", "Premium", "Sport", "Limited")),
            Model(
                "Crosstrek",
                "JF2",
                "GTAE",
                ("Base", "Premium", "Sport"),
                first_year=2013,
            ),
            Model("Impreza", "4S3", "GKAB", ("Base", "Premium", "Sport")),
        ),
    ),
    Make(
        "Jeep",
        8,
        (
            Model("Wrangler", "1C4", "HJXD", ("Sport", "Sahara", "Rubicon")),
            Model(
                "Grand Cherokee",
                "1C4",
                "RJFA",
                ("Laredo", "Limited", "Overland", "Summit"),
            ),
            Model(
                "Cherokee",
                "1C4",
                "PJMC",
                ("Latitude", "Limited", "Trailhawk"),
                2014,
                2023,
            ),
            Model("Compass", "3C4", "NJDB", ("Sport", "Latitude", "Limited")),
        ),
    ),
    Make(
        "Volkswagen",
        7,
        (
            Model("Jetta", "3VW", "C57B", ("S", "SE", "SEL")),
            Model("Tiguan", "3VV", "B7AX", ("S", "SE", "SEL")),
            Model("Atlas", "1V2", "R2CA", ("SE", "SEL"), first_year=2018),
            Model("Golf", "3VW", "217A", ("S", "SE"), last_year=2021),
        ),
    ),
)

COLORS = {
    "White": 24,
    "Black": 20,
    "Gray": 17,
    "Silver": 12,
    "Blue": 10,
    "Red": 9,
    "Green": 2,
    "Brown": 2,
    "Orange": 1,
    "Beige": 1,
    "Yellow": 1,
    "Gold": 1,
}

# Relative popularity of each service on the book; keys missing from the
# dealership file are ignored, services missing here weigh 1.
SERVICE_WEIGHTS = {
    "oil_change": 30,
    "tire_rotation": 10,
    "multi_point_inspection": 8,
    "brake_inspection": 7,
    "brake_service": 6,
    "engine_diagnostics": 6,
    "state_inspection": 5,
    "battery_replacement": 5,
    "wheel_alignment": 5,
    "air_filter": 4,
    "cabin_filter": 4,
    "transmission_fluid": 3,
    "coolant_flush": 3,
    "spark_plugs": 2,
    "recall_service": 2,
}

CONCERNS = {
    "brake_inspection": ("Squealing when braking", "Brake pedal feels soft"),
    "brake_service": ("Grinding noise from the front wheels", "Car pulls when braking"),
    "engine_diagnostics": (
        "Check-engine light is on",
        "Engine hesitates when accelerating",
        "Rough idle at stop lights",
    ),
    "battery_replacement": ("Slow to start in the morning", "Battery light came on"),
    "wheel_alignment": ("Steering wheel off-center", "Car drifts to the right"),
    "recall_service": ("Received a recall notice in the mail",),
    "coolant_flush": ("Temperature gauge runs high",),
    "transmission_fluid": ("Shifts feel rough",),
}
GENERAL_CONCERNS = (
    "Please check tire pressure too",
    "Noise over bumps",
    "Wipers streak",
)

CANCELLATION_REASONS = (
    "Schedule conflict",
    "Customer rescheduled",
    "Repair done elsewhere",
    "Vehicle sold",
    "Feeling unwell",
    "Weather",
)
REFERRAL_SOURCES = (
    "Friend or family",
    "Existing customer",
    "Google review",
    "Yelp",
    "Facebook",
    "Employee referral",
)
CUSTOMER_NOTES = (
    "Prefers text reminders the day before",
    "Needs a loaner for longer visits",
    "Drops the car off before work",
    "Ask for Spanish-speaking adviser",
    "Waits in the lounge",
    "Uses the shuttle service",
)
APPOINTMENT_NOTES = (
    "Customer waiting",
    "Shuttle requested",
    "Loaner requested",
    "Call before additional work",
    "Key in drop box",
)
FLEET_SUFFIXES = ("Logistics", "Delivery", "Plumbing", "Landscaping", "Electric")
