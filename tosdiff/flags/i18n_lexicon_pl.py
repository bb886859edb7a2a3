"""Polish word classes of the three tosdiff flags (see ``i18n_lexicon.py`` for what each round added)."""

from __future__ import annotations

# The first two rounds' word classes.
WORDS: dict[str, str] = {
    "user_acts": r"\b(?:możesz|masz prawo|użytkownik może)\b[^.;]{0,80}(?:udostępni|przekaz|przesł)|"
    r"\b(?:może|możesz) (?:\w+ )?wybrać\b",
    "forbid": r"\bzabrania\w*|\bzakaz\w*|\bkonkurenc\w*",
    "ai": r"\bai\b|\bsi\b|sztuczn\w* inteligencj\w*|uczeni\w* maszynow\w*|machine learning|\bmodel\w*(?! danych)|"
    r"algorytm\w*|\bllms?\b|sieci neuronow\w*",
    "train": r"trenow\w*|wytrenow\w*|trening\w*|szkoleni\w*|szkol\w*|\btraining\b",
    "improve": r"ulepsz\w*|doskonal\w*|udoskonal\w*|\brozw(?:ój|oju|ijać|ijania|ijamy|ija|inąć)\w*|"
    r"popraw\w*|opracow\w*|optymaliz\w*",
    "our_ai": r"\b(?:nasz\w*|własn\w*) (?:\w+ ){0,2}?(?:ai\b|si\b|sztuczn\w* inteligencj\w*|model\w*|algorytm\w*)",
    "use": r"wykorzyst\w*|używ\w*|użyc\w*|korzyst\w*|przetwarz\w*",
    "data": r"\bdan(?:e|ych|ymi|ym)\b|treś\w*|informacj\w*|\bprompt\w*|rozm[oó]w\w*|\bzdję\w*|\bwideo\b|"
    r"\bplik\w*|materiał\w*",
    "neg": r"\bnie\b(?! (?:wyłączn|przenoszaln|zbywaln|jest zobowiązan|(?:\w+ )?z?identyfik))|\bnigdy\b|\bżadn\w*|"
    r"\bbez\b(?! (?:powiadomienia|uprzedzenia|wynagrodzenia|dodatkowej))",
    "consent": r"\bbez (?:twojej|pana|pani|państwa|uprzedniej|wyraźnej|twej)\w* (?:\w+ )?zgody|"
    r"\bza (?:twoją|pana|pani|państwa|uprzednią|wyraźną) (?:\w+ )?zgodą|\bjeśli (?:wyrazisz|wyraził\w*) "
    r"zgodę|\bopt-?in\b",
    "opt_out": r"\b(?:możesz|mogą|może|można) (?:\w+ ){0,4}?(?:sprzeciw\w*|wyłącz\w*|odmówić|wycofa\w*|"
    r"zrezygnować|zmienić ustawienia)|\bsprzeciw\w*|\bopt-?out\b|\bjeśli nie (?:chcesz|chcą|chce)\b",
    "default_on": r"\bchyba że (?:\w+ ){0,2}?(?:sprzeciw\w*|wyłącz\w*)|\bo ile nie (?:\w+ ){0,2}?sprzeciw\w*",
    "user_side": r"\bzabrania się\b|\bnie wolno\b|\b(?:jest )?zakazane\b|\b(?:użytkownik|ty) nie (?:może|"
    r"możesz|powinien|powinieneś)\b|\bnie (?:możesz|może|mogą|należy|wolno)\b(?! być)|\bzobowiązuj\w+ (?:się )?"
    r"(?:do )?nie\b|\bkonkurenc\w*",
    "provider": r"\bmy\b|\bnas\w*\b|\b\w+(?:my|imy|emy|amy)\b",
    # "wyrażasz zgodę na używanie przez Booking.com zdjęć": a licence without the word.
    "licence": r"\blicencj\w*|\bsublicencj\w*|\bupoważnia\w* (?:\w+ ){0,2}?do (?:korzystania|wykorzystywania|"
    r"używania|publikowania|przechowywania|kopiowania)|\bzezwala\w* (?:\w+ ){0,2}?na (?:korzystanie|wykorzystywanie|"
    r"używanie|publikowanie|przechowywanie|kopiowanie)|\bpraw[oa]? do (?:korzystania|wykorzystywania|używania|sprzedaży|"
    r"przeniesienia|powielania|rozpowszechniania|publikowania)\b|\bzgod\w* na (?:używanie|wykorzystywanie|"
    r"korzystanie|przechowywanie|kopiowanie|publikowanie|rozpowszechnianie)|\bpozwoleń prawnych\b",
    "user_grants": r"\b(?:użytkownik|ty|klient|członek) (?:\w+ ){0,3}?(?:udziela|udzielasz|przyznaje|"
    r"przyznajesz|przenosi|przenosisz|upoważnia|upoważniasz)\b|\budziel(?:a|asz|ają|ić|enie)\w* "
    r"(?:\w+ ){0,3}?(?:nam|spółce|firmie|serwisowi|\w+owi)\b|\b(?:udziela|udzielasz|przyznajesz|"
    r"przyznaje) (?:nam|\w+)\b|\b(?:publikując|przesyłając|zamieszczając|udostępniając|dodając|"
    r"wgrywając|umieszczając)\b|\b(?:licencja|ta licencja|powyższa licencja) (?:obejmuje|pozwala|"
    r"umożliwia|uprawnia)|\bpotrzebujemy (?:od (?:ciebie|użytkownika|was) )?(?:\w+ ){0,2}?(?:pozwoleń|licencji|"
    r"zgody)|\bwyrażasz zgodę\b|\budziela\w* (?:nam )?zgody\b|\budzielenie licencji na rzecz\b|"
    r"\budzielon\w* przez (?:ciebie|użytkownika|użytkowników)|\bprzez (?:ciebie|użytkownika) udzielon\w*|"
    r"\b(?:upoważniasz|zezwalasz)\b|\b(?:użytkownik|ty) (?:\w+ ){0,3}?(?:upoważnia|zezwala)\b|"
    r"\b(?:udzielają|przyznają|przenoszą) państwo\b|\bzgadza\w* się udzielić\b|\budzieli\b",
    "provider_grants": r"\b\w+ (?:udziela|udzielamy|przyznaje|przyznajemy) (?:ci|tobie|użytkownikowi|"
    r"użytkownikom|panu|pani|państwu)\b|\b(?:użytkownikowi|użytkownikom) (?:\w+ )?(?:udziela się|"
    r"przysługuje)\b",
    "content": r"treś\w*|\bugc\b|\bdan(?:e|ych)\b|\bzdję\w*|\bobraz\w*|\bwideo\b|\bfilm\w*|\butw[oó]r\w*|"
    r"materiał\w*|informacj\w*|\bpost(?:y|ów|ach|ami|om)?\b|\bkomentarz\w*|\bopini\w*",
    "ownership": r"\b(?:użytkownik|ty) (?!nie\b)(?:\w+ )?(?:zachowuje|zachowujesz|pozostaje|pozostajesz|jest i "
    r"pozostaje|posiada|posiadasz) (?:\w+ ){0,3}?(?:właściciel\w*|praw\w*|własnoś\w*|uprawnion\w*)|"
    r"\bnie jest właścicielem\b|\b(?:użytkownik\w*|państwo|ty)\b[^.;]{0,60}\bzachowuj(?:e|esz|ą)\b|"
    r"\bzachowuj(?:e|esz|ą) państwo\b|\bstanowi\w* własność (?:\w+ ){0,2}?użytkownika|\b(?:użytkownik|ty) jest właścicielem|"
    r"\bjesteś właścicielem|\bnie ma(?:my)? prawa własności\b|\bpozostaj\w+ (?:\w+ )?"
    r"(?:twoją|twoje|twoja|własnością użytkownika|twoją własnością)|\bnie rości\w* (?:sobie )?(?:żadnych )?"
    r"praw|\bnie nabywa\w* (?:żadnych )?praw(?:a)? własności",
    "ends": r"\bwygas\w*|\bwygaś\w*|\bkończy\w*|\bustaj\w*|\bzakończ\w*|\bdo (?:momentu|chwili|czasu) "
    r"(?:\w+ )?usunięci\w*",
    "delete": r"usun\w*|usuw\w*|skasow\w*",
    "share": r"udostępni\w*|przekaz\w*|przekazan\w*|przekazyw\w*|ujawni\w*|sprzeda\w*|sprzedaż\w*|"
    r"powierz\w*|\bdzieli\w*|\bwynajm\w*|\btransfer\w*|\bwymienia\w*|\bprzesył\w*",
    "sale": r"sprzeda\w*|sprzedaż\w*|wynajm\w*|reklamodawc\w*|reklam\w*|brokerom|brokerzy|broker\w*",
    "pdata": r"\bdan(?:e|ych|ymi|ym)\b|\binformacj\w*|adres\w* e-?mail|numer\w* telefon\w*|\bprofil\w*|"
    r"\btreści użytkownika\b",
    "recipient": r"\bpodmiot\w* trzeci\w*|\bstron\w* trzeci\w*|\bosob\w* trzeci\w*|\bpartner\w*|"
    r"reklamodawc\w*|podmiot\w* powiązan\w*|spółk\w* (?:z grupy|zależn\w*|powiązan\w*)|\bgrup\w* "
    r"(?:kapitałow\w*|spółek)|\bdostawc\w*|podmiot\w* przetwarzając\w*|\borgan(?:y|ów|om|ami|ach|owi|em|u)?\b|\bnabywc\w*|"
    r"\binnym firmom\b|\binnych firm\b|\bsprzedawc\w*",
    # "przekazywanie nam", "przekazywane firmie Skype przez dostawcę": data coming to the provider.
    "inbound": r"\b(?:przekaz\w*|udostępni\w*|przesył\w*) nam\b|\bnam (?:przekaz|udostępni|przesył)\w*|"
    r"\bprzekazywane firmie\b|\bprzekazania \w+ (?:określonych )?danych",
    "ref": r"\bwięcej informacji\b|\bprawo do (?:dostępu|uzyskania informacji|żądania)\b|\bzapoznaj się\b",
    "liability": r"\bnie (?:ponosi|ponoszą|jest|są|będzie|bierze) (?:\w+ )?odpowiedzialn\w*|\b(?:żadnej|nie udziela) "
    r"(?:\w+ )?(?:odpowiedzialności|gwarancji)\b",
    "assign": r"\bpraw\w* i obowiązk\w*|\bcesj\w*",
    "user_content": r"\b(?:twoje|twoich|twoimi) (?:\w+ )?(?:treś|zdję|materiał|pyta)\w*|\btreś\w* użytkownika\b|"
    r"\bprzez (?:ciebie|użytkownika|państwa) (?:\w+ )?(?:opublikowan|przesłan|zamieszczon|udostępnion)\w*|"
    r"\b(?:zamieszczon|przesłan|opublikowan)\w* przez (?:ciebie|użytkownika|państwa)|\bugc\b",
    "licence_scope": r"\b(?:licencj|praw)\w*\b[^.;]{0,300}\b(?:obejmuje|obejmują|jest (?:\w+ )?(?:wieczyst|nieodwołaln))\w*",
    "sublicence": r"\budzielani\w* sublicencji\b|\budzielania dalszych licencji\b",
    "subject_to": r"\bz zastrzeżeniem\b",
    "warranty": r"\boświadcza\w* i gwarantuj\w*|\bgwarantuj\w*, że\b",
    "malware": r"\bwirus\w*|\bkoni trojańskich\b|\bzłośliw\w* oprogramowani\w*",
    "licence_noun": r"\blicencj\w*",
    "pdata_strict": r"\bdan\w* osobow\w*",
    "share_noun": r"\bprzekazani\w*|\budostępnieni\w*|\bujawnieni\w*",
    "only_if": r"\btylko\b[^.;]{0,80}\b(?:jeśli|jeżeli|gdy|wtedy)\b|\bwyłącznie\b[^.;]{0,80}\b(?:jeśli|jeżeli|gdy)\b",
    "via_ml": r"\b(?:za pomocą|poprzez|przy użyciu|z wykorzystaniem) (?:\w+ )?(?:uczeni\w* maszynow\w*|sztucznej "
    r"inteligencji)",
}

# Third round (EXTRA in i18n_lexicon.py).
EXTRA: dict[str, str] = {
    "grant_noun": r"\budzieleni\w* (?:\w+ )?licencj\w* na rzecz\b|\bprawa (?:przyznawane|przyznane|udzielone) (?:\w+ ){0,3}?"
    r"licencj\w*|\bzrze\w*\b[^.;]{0,120}\b(?:osobistych praw|praw osobistych|autorskich praw osobistych)\b",
    "exploit_right": r"\bprawo do (?:\w+ ){0,2}?(?:korzystania|wykorzystywania|używania|zwielokrotniania|"
    r"powielania|rozpowszechniania|publikowania)\b",
    "licence": r"\bzgod\w* na (?:wykorzystanie|użycie|publikację|rozpowszechnienie)\b",
    "user_grants": r"\budzielasz nam\b",
    "provider_grants": r"\b\w+ udzielają (?:\w+ )?(?:użytkownikowi|użytkownikom|ci|tobie)\b",
    "user_content": r"\b(?:zamieszczon|opublikowan|przesłan|udostępnion)\w* przez (?:użytkownika|ciebie)\b",
    "recipient": r"\bnabywc\w*|\bdoradc\w*|\baudytor\w*|\bprawnik\w*|\bkredytodawc\w*|\bubezpieczyciel\w*|"
    r"\bnastęp\w* prawn\w*|\binn\w* (?:spółk|firm)\w*",
    "inbound_except": r"\b(?:umożliwia|umożliwiasz|pozwala|pozwalasz) nam (?:przekaz|udostępni)\w*",
}

# Fourth round (EXTRA4 in i18n_lexicon.py).
EXTRA4: dict[str, str] = {
    "grant_noun": r"\bmusisz (?:\w+ ){0,3}?(?:przyznać|udzielić)\b[^.;]{0,60}\blicencj\w*|\b(?:uzyskać|otrzymać) od "
    r"(?:ciebie|użytkownika|państwa|was)\b[^.;]{0,80}\b(?:licencj\w*|uprawnie\w*|praw\w*)|\b(?:ta|niniejsza|powyższa) (?:licencja|zgoda) (?:obowiązuje|jest ważna) (?:\w+ )?na całym świecie\b",
    "licence": r"\bpraw[oa]? do (?:\w+ ){0,2}?(?:przesyłania|przechowywania|monitorowania|wyszukiwania|zarabiania|"
    r"monetyzacji|kopiowania|wyświetlania|modyfikowania|tłumaczenia|zwielokrotniania|hostowania)\b|"
    r"\b(?:pełnomocnictw|uprawnieni|upoważnieni)\w* do (?:wykorzystywania|korzystania|używania|publikowania|"
    r"przetwarzania|kopiowania)\b",
    "user_grants": r"\blicencj\w* (?:\w+ )?(?:przyznan|udzielon)\w* (?!(?:ci|tobie|użytkownik\w*|państwu)\b)\w+",
    "provider_grants": r"\b(?:zostaje|jest) (?:\w+ )?(?:udzielon|przyznan)\w* (?:użytkownikowi|tobie|ci)\b",
    "exploit_right": r"\bjest (?:\w+ )?(?:uprawnion|upoważnion)\w* do (?:przechowywania|zwielokrotniania|wykorzystywania|"
    r"korzystania|modyfikowania|publikowania|rozpowszechniania)\b",
    "content": r"\bznak\w* towarow\w*|\blogo\w*",
    "ownership": r"\bzachowujesz\b (?:\w+ ){0,3}?praw\w*|\bnie rości\w* (?:sobie )?(?:również |także )?(?:żadnych )?"
    r"praw|\bnie (?:uzyskuje|uzyskujemy|nabywa|nabywamy)\w* (?:\w+ )?żadnych praw",
    "licence_except": r"\bpoza (?:niniejszą|tą|powyższą) (?:\w+ )?licencją\b|\bz wyjątkiem (?:niniejszej|tej|powyższej) "
    r"(?:\w+ )?licencji\b",
    "revoke": r"\b(?:możesz|może) (?:\w+ ){0,3}?(?:wycofać|odwołać|cofnąć|wypowiedzieć) (?:tę|niniejszą|tą|swoją) "
    r"(?:\w+ )?licencję\b",
    "not_assured": r"\boświadcza\w*,? że (?:\w+ )?(?:jesteś|jest|posiadasz|posiada)\b",
    "recipient": r"\bpodmiot\w* zewnętrzn\w*|\bfirm\w* zewnętrzn\w*|\binn\w* podmiot\w*|\busługodawc\w*|"
    r"\bpodwykonawc\w*",
    "user_side": r"\binnego (?:użytkownika|członka|klienta)\b",
    # Data coming TO the provider: "partnerzy udostępniają nam", "otrzymujemy informacje od partnerów".
    "inbound_clause": r"\b(?:otrzymujemy|uzyskujemy|pozyskujemy|zbieramy|otrzymywać|uzyskiwać|pozyskiwać|otrzymać|uzyskać)\b"
    r"[^.;]{0,120}?\bod (?:naszych |innych |zewnętrznych )?(?:partner|podmiot|stron|sprzedawc|dostawc|reklamodawc|firm)\w*",
    # The user's duties (data-sharing only): "Każdy Użytkownik zobowiązuje się do ... nieprzekazywania ich osobom trzecim",
    # "Nie udostępniaj swoich danych".
    "user_duty": r"\b(?:użytkownik|kupujący|klient|sprzedawca) (?:\w+ )?(?:zobowiązuje się|powinien upewnić się|powinien zadbać)\b|"
    r"\bzobowiązujesz się\b|\bnie (?:udostępniaj|przekazuj|ujawniaj|podawaj)\b",
    # "Nie ponosimy odpowiedzialności za ... ujawnianie przez nie danych": a disclaimer, not a sharing.
    "liability": r"\bnie (?:ponosimy|będziemy ponosić|odpowiadamy)\b",
}
