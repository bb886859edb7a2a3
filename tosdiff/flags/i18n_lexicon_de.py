"""German word classes of the three tosdiff flags (see ``i18n_lexicon.py`` for what each round added)."""

from __future__ import annotations

# The first two rounds' word classes.
WORDS: dict[str, str] = {
    "user_acts": r"\b(?:sie|du) (?:können|kannst|haben das recht|hast das recht)\b[^.;]{0,80}(?:teilen|weitergeben|"
    r"übermitteln|übertragen)|\bdu\b[^.;]{0,60}\b(?:zur verfügung stellst|bereitstellst|teilst|weitergibst|"
    r"übermittelst)\b|\bkannst du\b|\bentschließen\b",
    "forbid": r"\buntersagt\b|\bverboten\b|\bkonkurr\w*|\bwettbewerb\w*",
    "ai": r"\bki\b|\bki-|-ki\b|künstlich\w* intelligenz|maschinell\w* lern\w*|machine learning|"
    r"(?<!daten)modell\w*|algorithm\w*|\bllms?\b|neuronal\w* netz\w*",
    "train": r"trainier\w*|training\w*|\w+training\b|anlern\w*|\blern\w*",
    "improve": r"verbesser\w*|weiterentwick\w*|entwickel\w*|entwickl\w*|optimier\w*",
    "our_ai": r"\bunser\w* (?:\w+ ){0,2}?(?:ki\b|ki-|künstlich\w* intelligenz|\w*modell\w*|algorithm\w*)",
    "use": r"verwend\w*|nutz\w*|benutz\w*|einsetz\w*|verarbeit\w*",
    "data": r"daten\b|inhalt\w*|information\w*|eingaben|\bprompts?\b|unterhaltung\w*|\bfotos?\b|"
    r"\bvideos?\b|dateien|beitr[äa]g\w*|chats?\b",
    # Negations of something else: "nicht exklusiv" (the breadth of a licence), "nicht identifiziert
    # werden können", "das Recht, aber nicht die Pflicht", "ohne Erfordernis weiterer Maßnahmen".
    "neg": r"\bnicht\b(?![- ](?:exklusiv|ausschließlich|übertragbar|unterlizenz|identifiz|die pflicht|zur pflicht))|"
    r"\bniemals\b|\bnie\b|\bkein\w*\b(?! (?:entschädigung|vergütung))|\bohne\b(?! (?:erfordernis|weitere\w*|"
    r"vorherige\w* (?:ankündigung|benachrichtigung|mitteilung)|benachrichtigung|entschädigung|vergütung))",
    "consent": r"\bohne (?:ihre|deine|vorherige|ausdrückliche)\w* (?:\w+ )?(?:einwilligung|zustimmung|"
    r"erlaubnis|genehmigung)|\bnur mit (?:ihrer|deiner) (?:\w+ )?(?:einwilligung|zustimmung)|"
    r"\b(?:sofern|wenn|falls) (?:sie|du) (?:\w+ ){0,3}?(?:einwillig|zustimm|eingewilligt|zugestimmt)\w*|\bopt-?in\b",
    "opt_out": r"\b(?:sie|du) (?:können|kannst) (?:\w+ ){0,6}?(?:widersprechen|deaktivieren|abwählen|"
    r"ablehnen|widerrufen|abmelden|ausschalten|einstellen)|\bwiderspruch\w*|\bopt-?out\b",
    "default_on": r"\b(?:sofern|es sei denn,?|solange) (?:sie|du) (?:\w+ ){0,3}?(?:nicht )?"
    r"widersprech\w*|\bwidersprochen haben\b",
    "user_side": r"\b(?:sie|du) (?:dürfen|darfst) (?:\w+ ){0,8}?nicht\b|\b(?:ist|sind) (?:es )?(?:ihnen |dir )?"
    r"(?:\w+ )?(?:untersagt|verboten|nicht gestattet|nicht erlaubt)\b|\b(?:sie|du) (?:sind|bist) (?:\w+ )?nicht "
    r"(?:dazu )?berechtigt\b|\bverpflichte\w* (?:sie |du )?(?:sich|dich),? "
    r"(?:\w+ ){0,8}?nicht\b|\bkonkurr\w*|\bwettbewerb\w*",
    "provider": r"\bwir\b|\buns\b|\bunser\w*",
    "licence": r"lizenz\w*|nutzungsrecht\w*|verwertungsrecht\w*|\brechte?\b|"
    r"\b(?:ermächtig|autorisier|gestatte|erlaub)\w* (?:uns|\w+),? (?:\w+ ){0,8}?zu \w+|"
    r"\b(?:nutzen|verwenden|vervielfältigen|veröffentlichen|verbreiten|bearbeiten) (?:zu )?(?:darf|dürfen|kann|können)\b|"
    r"\bnutzung (?:des|der|ihrer|deiner|von) (?:\w+ ){0,3}?(?:ugc|\w*inhalt\w*)",
    "user_grants": r"\b(?:sie|du|nutzer\w*|kunde\w*|mitglied\w*) (?:\w+ ){0,3}?(?:räumen|räumst|räumt|"
    r"gewähren|gewährst|gewährt|erteilen|erteilst|erteilt|übertragen|überträgst|überträgt|gestatten|gestattest|"
    r"gestattet)\b|"
    # Verb first (main clause after a subordinate one, or "hiermit"): "räumst du uns ... ein",
    # "gewähren Sie Grindr"; verb last in a subordinate clause: "dass du uns ... erteilst".
    r"\b(?:räumst|gewährst|erteilst|überträgst|gibst|räumen|gewähren|erteilen|übertragen|geben) (?:sie|du)\b|"
    r"\bdu\b[^.;]{0,150}\b(?:erteilst|gewährst|räumst|überträgst|gibst|einräumst)\b|"
    r"\bvon (?:dir|ihnen) (?:\w+ ){0,4}?(?:gewährt|eingeräumt|erteilt)\w*|"
    r"\b(?:bewilligung|einräumung|gewährung|erteilung) (?:einer|der|dieser) (?:\w+ )?lizenz|"
    r"\bgestatte[nt]? (?:der|die) (?:nutzer|benutzer|kunde|mitglied)\w*|\b(?:sie|du)\b[^.;]{0,80}\bzu (?:gewähren|"
    r"erteilen|übertragen|lizenzieren)\b|"
    r"\beinverstanden,? dass\b[^.;]{0,120}\b(?:nutzen|verwenden|vervielfältigen|veröffentlichen|speichern|"
    r"verbreiten)\b|"
    r"\b(?:sie|du) (?:\w+ ){0,2}?(?:ermächtigen|ermächtigst|autorisieren|autorisierst|gestatten|gestattest|erlauben|"
    r"erlaubst) (?:uns|\w+)\b|\b(?:sie|du) (?:stimmen|stimmst) "
    r"(?:\w+ ){0,2}?zu,? dass\b|\b(?:durch|mit) (?:dem |das )?(?:hochladen|"
    r"veröffentlichen|posten|einstellen|übermitteln|bereitstellen|teilen)\b|\bindem (?:sie|du)\b[^.;]{0,80}"
    r"(?:hochlad|veröffentlich|einstell|post|übermitt|bereitstell|teil)\w*|\beinräum\w*|\beingeräumt\w*|"
    r"\b(?:diese|die|vorstehende) (?:\w+ )?(?:lizenz|nutzungsrecht\w*) (?:umfasst|erlaubt|berechtigt|ermöglicht)",
    "provider_grants": r"\b(?:wir|\w+) (?:räumen|räumt|gewähren|gewährt|erteilen|erteilt) (?:ihnen|dir)\b|"
    r"\b(?:gewähren|räumen|erteilen) wir (?:ihnen|dir)\b|\b(?:ihnen|dir) (?:wird|werden) (?:\w+ ){0,6}?"
    r"(?:eingeräumt|gewährt|erteilt)|\bwird ihnen\b",
    "content": r"inhalt|\bdaten\b|foto|bild\w*|video|beitr[äa]g|\bwerke?\b|material|information|nachricht\w*|"
    r"\buploads?\b|kommentar\w*|bewertung\w*",
    "ownership": r"\b(?:sie|du) (?:bleiben|bleibst|sind und bleiben|bist und bleibst) (?:\w+ ){0,3}?"
    r"(?:eigentümer|inhaber|rechteinhaber)\w*|\b(?:sie|du) (?:behalten|behältst) (?:\w+ ){0,4}?"
    r"(?:rechte|eigentum|urheberrecht)(?![^.;]{0,40}(?:hinweis|vermerk))\w*|\b(?:bleiben|bleibt|verbleiben|verbleibt) (?:\w+ ){0,3}?"
    r"(?:(?:ihr|dein)\w*(?= eigentum\b|\s*[.,;:)]|$)|bei ihnen|bei dir)|\b(?:beanspruchen|erwerben|erheben) (?:\w+ ){0,2}?keine\w* "
    r"(?:\w+ )?(?:eigentums)?(?:rechte|ansprüche)|\b(?:ist|sind|bleibt|bleiben) (?:das )?eigentum (?:des|der) "
    r"(?:benutzer|nutzer|kunde|mitglied|user)\w*|\b(?:ihr|dein)\w* eigentum\b|\bgehör\w* (?:\w+ ){0,2}?(?:ihnen|dir)\b|"
    r"\b(?:ihnen|dir) gehör\w*|\b(?:eigentums?rechte|eigentum|urheberrecht\w*)\b[^.;]{0,100}\bbehalten\b|"
    r"\bbehalten\b(?! uns| sich)(?: \w+){0,3}? (?:das )?(?:eigentum|urheberrecht)|"
    r"\bbleiben (?:sie|du) (?:\w+ ){0,2}?(?:inhaber|eigentümer)\w*|"
    r"\b(?:beansprucht|beanspruchen|erhebt|erheben|erwirbt|erwerben)\b[^.;]{0,30}\b(?:nicht|kein\w*)\b[^.;]{0,30}"
    r"\beigentum",
    # "gilt diese Lizenz so lange weiter, bis der Inhalt gelöscht worden ist": it ends on deletion.
    "ends": r"\bend(?:et|en)\b|\berlisch\w*|\berlösch\w*|\bläuft\b[^.;]{0,30}\bab\b|\bbis (?:\w+ ){0,6}?"
    r"(?:gelöscht|entfernt)|\bbis zu[rm]? (?:\w+ )?(?:löschung|entfernung)",
    "delete": r"lösch\w*|entfern\w*",
    "share": r"weitergeb\w*|weitergegeben|weitergabe|\bgeben\b[^.;]{0,80}\bweiter\b|\bteil(?:en|t)\b|"
    r"geteilt|offen(?:legen|gelegt|legung)|\blegen\b[^.;]{0,60}\boffen\b|übermitt\w*|verkauf\w*|"
    r"vermiet\w*|zugänglich (?:machen|gemacht)|bereitstell\w*|bereitgestellt|weiterleit\w*|"
    r"preisgeb\w*|\bübertrag\w*|\bweitergereicht\w*|\bvermarkt\w*",
    "sale": r"verkauf\w*|vermiet\w*|werbetreibend\w*|werbepartner\w*|werbekunde\w*|werbung|datenhändler\w*",
    "pdata": r"daten\b|informationen\b|e-mail-adresse\w*|telefonnummer\w*|\bprofil\w*|kartendetails|"
    r"\w*kartendaten|\b(?:benutzer|nutzer)inhalte\b|buchungs\w*",
    # "Drittland", "Drittländer": a transfer abroad, not to a third party.
    "recipient": r"\bdritt(?!l[aä]nd)\w*|\bhändler\w*|drittanbieter\w*|partner\w*|werbetreibend\w*|werbekunde\w*|verbundene\w* "
    r"unternehmen|konzern\w*|tochtergesellschaft\w*|gruppenunternehmen|unternehmensgruppe|"
    r"dienstleister\w*|auftragsverarbeiter\w*|behörde\w*|andere\w* unternehmen|\bkäufer\w*|\berwerber\w*",
    # Data coming to the provider ("an uns weitergegeben", "wenn Sie uns Daten mitteilen").
    "inbound": r"\ban uns\b|\b(?:sie|du) uns\b|\bvon (?:dritten|drittanbietern|partnern) (?:\w+ )?"
    r"(?:erhalten|bereitgestellt|beziehen)",
    # A pointer elsewhere, or the third parties' own policy: no sharing is granted here.
    "ref": r"\bweitere informationen\b|\brecht auf auskunft\b|\bdatenschutz\w* (?:\w+ ){0,3}?(?:dieser|der jeweiligen|von) dritt",
    # A disclaimer of liability names "Dritte" and a "Übermittlung" without granting anything.
    "liability": r"\b(?:nicht|keine?)\b (?:\w+ ){0,2}?(?:verantwortlich|verantwortung|haftbar|haftung)|"
    r"\bhafte[nt]\b[^.;]{0,80}\b(?:nicht|weder)\b|\b(?:nicht|weder)\b[^.;]{0,80}\bhafte[nt]\b|\bhaftungs(?:ausschluss|beschränkung)\w*",
    "assign": r"\brechte und pflichten\b|\b(?:vereinbarung|bedingungen|agb|nutzungsbedingungen|vertrag)\b"
    r"[^.;]{0,60}\bübertrag\w*",
    # The provider's licence over the user's content described (its scope, term, sublicensing): "Die
    # Lizenz von X an Benutzerinhalten umfasst", "Das Recht von Quora, jede von Dir veröffentlichte Frage zu
    # kopieren, ist unbefristet".
    "user_content": r"\b(?:dein|ihr)\w* (?:\w+ )?(?:inhalt|beitr|foto|frage)\w*|\bvon (?:dir|ihnen) (?:\w+ ){0,3}?"
    r"(?:veröffentlicht|hochgeladen|eingestellt|bereitgestellt|übermittelt)\w*|\b(?:benutzer|nutzer)inhalt\w*|\bugc\b",
    "licence_scope": r"\b(?:lizenz|recht)\w*\b[^.;]{0,300}\b(?:umfasst|einschließt|beinhaltet|schließt\b[^.;]{0,60}\bein|"
    r"ist (?:\w+ )?(?:unbefristet|unwiderruflich|dauerhaft|weltweit))\b",
    "sublicence": r"\bunterzulizenzieren\b|\bunterlizenzieren\b|\bvergabe von (?:unter|sub)?lizenzen\b|\bsublizenznehmer\w*",
    "subject_to": r"\bvorbehaltlich\b|\bunterliegen\b",
    "warranty": r"\bversicher(?!er\b|ern\b|ungs?\w*)\w*|\bgewährleist\w*|\bgarantier\w*",
    "malware": r"\bvir(?:us|en)\b|\btrojaner\w*|\bschadsoftware\b",
    "licence_noun": r"lizenz\w*|nutzungsrecht\w*",
    "pdata_strict": r"personenbezogen\w*|persönlich\w* daten",
    "share_noun": r"\bweitergabe\b|\bübermittlung\b|\boffenlegung\b",
    "only_if": r"\bnur\b[^.;]{0,80}\b(?:wenn|sofern|falls)\b",
    "via_ml": r"\b(?:durch|mittels|mithilfe|anhand)\b (?:\w+ ){0,2}?(?:maschinell\w* lern\w*|künstlich\w* intelligenz|ki\b)",
}

# Third round (EXTRA in i18n_lexicon.py).
EXTRA: dict[str, str] = {
    "grant_noun": r"\b(?:bewilligung|einräumung|gewährung|erteilung|vergabe) (?:einer|der|dieser|von) "
    r"(?:\w+ )?lizenz\w* (?:an|für)\b|\b(?:im rahmen (?:dieser|der) lizenz|lizenz)\b[^.;]{0,40}\b(?:gewährten|eingeräumten) "
    r"rechte\b|\bverzicht\w*\b[^.;]{0,120}\b(?:moralisch|urheberpersönlichkeits)\w* recht\w*",
    "exploit_right": r"\brecht\w*,? (?:\w+ ){0,8}?zu (?:vervielfältigen|nutzen|verwerten|bearbeiten|"
    r"veröffentlichen|verbreiten)\b",
    "user_grants": r"\b(?:ist|sind) es (?!ihnen|dir)\w+ (?:\w+ ){0,12}?gestattet\b|\bgestattung\b",
    "licence": r"\bgestattung\b|\bgestattet,? (?:\w+ ){0,10}?zu (?:nutzen|verwenden|verwerten)\b",
    "content": r"\bugc\b",
    "share": r"\bweiterzugeb\w*|\bzur verfügung (?:zu )?stell\w*",
    "recipient": r"\bkreditgeber\w*|\bwirtschaftsprüfer\w*|\brechtsanw[äa]lt\w*|\bberater\w*|\bversicherer\w*|"
    r"\bversicherungs?gesellschaft\w*|\bschadensabwickler\w*|\bnachfolger\w*",
    "inbound_except": r"\b(?:sie|du) uns (?:\w+ ){0,2}?(?:die |hiermit )?(?:erlaubnis|berechtigung|zustimmung|"
    r"einwilligung|das recht)\b",
    # The imperative is a rule for the user: "Teilen Sie niemals Ihre Kontodaten mit Dritten".
    "user_side": r"\b(?:teilen|geben|übermitteln|verraten|nennen) sie (?:\w+ ){0,2}?(?:niemals|nie|keine?)\b",
    "user_acts": r"\bbietet (?:ihnen|dir)\b[^.;]{0,20}\bmöglichkeit",
}

# Fourth round (EXTRA4 in i18n_lexicon.py).
EXTRA4: dict[str, str] = {
    "grant_noun": r"\b(?:sie|du) (?:müssen|musst) (?:\w+ ){0,10}?(?:lizenz\w*|nutzungsrecht\w*|rechte) (?:\w+ ){0,2}?"
    r"(?:erteilen|einräumen|gewähren|übertragen)\b|\bvon (?:ihnen|dir) (?:\w+ ){0,6}?(?:lizenz\w*|nutzungsrecht\w*|"
    r"rechte)\b[^.;]{0,80}\b(?:einholen|erhalten|benötigen)\b|\b(?:benötigen|brauchen) wir (?:von (?:ihnen|dir) )?"
    r"(?:\w+ ){0,3}?(?:lizenz|nutzungsrecht)\w*|\bumfasst (?:\w+ )?das recht,? (?:\w+ ){0,6}?zu\b|\b(?:diese|die vorstehende) (?:lizenz|erlaubnis|rechteeinräumung|nutzungsrechtseinräumung) gilt (?:\w+ )?weltweit\b",
    "licence": r"\brecht (?:zur|auf) (?:nutzung|verwertung|vervielfältigung|veröffentlichung|verbreitung|monetarisierung)\b|"
    r"\b(?:erlaubnis|berechtigung),? (?:\w+,? ){0,8}?zu (?:nutzen|verwenden|vervielfältigen|veröffentlichen|verbreiten|"
    r"bearbeiten|kopieren)\b",
    # "räumt jeder Nutzer mySugr ... ein" (nominative; "räumt dem Nutzer" is a grant to the user).
    "user_grants": r"\b(?:räumt|gewährt|erteilt|überträgt) (?:jeder|jede|der|die) (?:nutzer|benutzer|kunde|mitglied|"
    r"teilnehmer|verkäufer|händler)\w*\b|"
    r"\b(?:gewährten|eingeräumten|erteilten) (?:lizenz|nutzungsrecht|rechte)\w*",
    "provider_grants": r"\b(?:ihnen|dir) (?:\w+ )?(?:gewährte|eingeräumte|erteilte)\w*|\b(?:hierin|hiermit|hierunter) "
    r"(?:gewährten|eingeräumten|erteilten)\b|\b(?:räumt|gewährt|erteilt|räumen|"
    r"gewähren|erteilen) (?:\w+ )?(?:dem|den) (?:nutzer|benutzer|kunde|kunden|mitglied|teilnehmer)\w*",
    "exploit_right": r"\b(?:ist|sind) (?!sie\b|du\b)(?:\w+ ){0,3}?(?<!nicht )berechtigt,? (?:\w+ ){0,8}?zu (?:speichern|vervielfältigen|nutzen|"
    r"verwerten|bearbeiten|veröffentlichen|verbreiten)\b",
    "content": r"\bmarke\w*|\blogos?\b|\beinreichung\w*",
    "ownership": r"\bkein\w* (?:\w+ ){0,2}?(?:rechte|ansprüche)\b[^.;]{0,80}\b(?:erwerben|erwirbt|beanspruch\w*|erheben|"
    r"erhebt|hat|haben)\b|\b(?:erwirbt|erwerben|beansprucht|beanspruchen|erhebt|erheben) (?:\w+ ){0,3}?keinerlei (?:\w+ )?(?:rechte|"
    r"ansprüche) (?:\w+ ){0,2}?an (?:ihren|deinen|den von (?:ihnen|dir))\b",
    "licence_except": r"\b(?:mit ausnahme|abgesehen von|außer) (?:dieser|der|jener) (?:\w+ )?lizenz\w*",
    "revoke": r"\b(?:können|kannst) (?:sie |du )?(?:\w+ ){0,3}?(?:lizenz|nutzungsrecht)\w* (?:\w+ ){0,2}?(?:zurückziehen|"
    r"widerrufen|beenden|kündigen)\b",
    "not_assured": r"\b(?:sie|du) (?:versichern|versicherst|garantieren|garantierst|erklären|erklärst|bestätigen|"
    r"bestätigst),? (?:\w+ ){0,2}?(?:dass )?(?:sie|du) (?:\w+ ){0,2}?(?:inhaber|eigentümer|berechtigt)\w*|"
    r"\b(?:wenn|falls|sofern) (?:sie|du) (?:\w+ ){0,2}?(?:inhaber|eigentümer)\w*",
    "share": r"\bmitteil\w*|\bmitzuteilen\b|\bstellen\b[^.;]{0,120}\bbereit\b|\boffenzulegen\b",
    # A duty of the user: "ist der Nutzer verpflichtet, ... Informationen ... mitzuteilen".
    # Duties of the user, even where "uns" appears ("ist der Nutzer verpflichtet, uns ... mitzuteilen"),
    # and another user's data handled by the user.
    "forbid": r"\b(?:ist|sind) (?:der|die) (?:nutzer|benutzer|kunde|kunden|mitglied)\w* (?:\w+ )?verpflichtet\b|"
    r"\b(?:eines anderen|anderer) (?:nutzer|benutzer|mitglied|kunde)\w*",
    "recipient": r"\bmuttergesellschaft\w*|\bschwestergesellschaft\w*|\bgesellschaften\b|\bexterne\w* (?:anbieter|"
    r"dienstleister|unternehmen|stellen|firmen)\b|\brechtspersönlichkeit\w*|\bstrafverfolgungs\w*",
    # Data coming TO the provider: "Partner teilen mit uns", "wir erhalten Informationen von Partnern".
    "inbound_clause": r"\bmit uns (?:\w+ ){0,4}?(?:teilen|geteilt|teilt)\b|\b(?:teilen|teilt|übermitteln|übermittelt) "
    r"(?:\w+ ){0,3}?mit uns\b|\b(?:erhalten|beziehen|bekommen) (?:wir )?(?:\w+ ){0,6}?"
    r"(?:von|seitens) (?:unseren |unserer |den |der |dem |einem |einer )?(?:dritt|partner|anbieter|verkäufer|händler|"
    r"zahlungs|werbe)\w*",
    # The user's duties (data-sharing only): "Sie müssen sicherstellen, dass Sie ... weitergeben",
    # "Sie dürfen keine Informationen ... an Dritte weitergeben".
    "user_duty": r"\b(?:sie|du) (?:müssen|musst|sollten|solltest) (?:\w+ ){0,2}?(?:sicherstellen|gewährleisten|dafür sorgen)\b|"
    r"\b(?:sie|du) (?:dürfen|darfst) (?:\w+ ){0,3}?keine?\w*\b",
}
