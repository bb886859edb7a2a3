"""Italian word classes of the three tosdiff flags (see ``i18n_lexicon.py`` for what each round added)."""

from __future__ import annotations

# The first two rounds' word classes.
WORDS: dict[str, str] = {
    "user_acts": r"\b(?:puoi|potete|l'utente può|hai il diritto|ha il diritto)\b[^.;]{0,80}(?:condivid|trasmett|"
    r"comunic)|\b(?:potrà|può|puoi|potrai) scegliere\b|\bcondividendo\b|\bda parte (?:dell'utente|tua|vostra)\b",
    "forbid": r"\bvietat\w*|\bproibit\w*|\bdivieto\b|\bconcorren\w*",
    "ai": r"\bia\b|\bai (?:generativa|generative)\b|\bmodell[oi] (?:di )?ai\b|intelligenza artificiale|apprendimento automatico|machine learning|"
    r"\bmodell[oi]\b(?! di dati)|algoritm\w*|\bllms?\b|reti neurali",
    "train": r"addestr\w*|\ballen(?:are|amento|iamo|ati)\b|\btraining\b",
    "improve": r"miglior\w*|svilupp\w*|perfezion\w*|ottimizz\w*",
    "our_ai": r"\b(?:nostr[aoie]|propri[aoie]) (?:\w+ ){0,2}?(?:ia\b|ai\b|intelligenza artificiale|"
    r"modell[oi]|algoritm\w*)",
    "use": r"utilizz\w*|\bus(?:are|iamo|ati?|ate|ano)\b|impieg\w*|tratt\w*",
    "data": r"\bdati\b|contenut\w*|informazion\w*|\binputs?\b|\bprompts?\b|conversazion\w*|\bfoto\b|"
    r"\bvideo\b|\bfile\b|material\w*",
    "neg": r"\bnon\b(?![- ](?:esclusiv|trasferibil|cedibil|l'obbligo|(?:\w+ )?identific))|\bmai\b|\bnessun\w*|"
    r"\bsenza\b(?! (?:preavviso|alcun compenso|compenso|ulteriore|corrispettivo))",
    "consent": r"\bsenza (?:il )?(?:tuo|suo|vostro|loro|previo|preventivo|esplicito)\w* (?:\w+ )?consenso|"
    r"\bcon il (?:tuo|suo|vostro) (?:\w+ )?consenso|\bprevio (?:\w+ )?consenso|\bse (?:acconsenti|"
    r"l'utente acconsente|hai acconsentito)|\bopt-?in\b",
    "opt_out": r"\b(?:puoi|potete|può|l'utente può) (?:\w+ ){0,4}?(?:opporti|opporsi|disattivar\w*|"
    r"rifiutar\w*|revocar\w*|modificare le (?:tue|sue) preferenze|disiscriver\w*)|\bopposizione\b|"
    r"\bopt-?out\b|\bse non (?:desideri|vuoi|desidera)\b",
    "default_on": r"\bsalvo (?:opposizione|che (?:tu|l'utente) (?:non )?si opponga)\b|\ba meno che (?:tu|"
    r"l'utente) non\b",
    "user_side": r"\bè (?:severamente |espressamente )?(?:vietato|proibito|fatto divieto)\b|\bnon è "
    r"(?:consentito|permesso)\b|\b(?:l'utente|tu|voi) non (?:può|puoi|potete|deve|devi|dovete)\b|"
    r"\b(?:ti|si|vi) impegn\w+ a non\b|\baccett\w* di non\b|\bnon (?:puoi|potete|devi|dovete)\b|\bconcorren\w*",
    "provider": r"\bnoi\b|\bnostr\w*|\b\w+iamo\b|\bci\b",
    # "autorizza Facebook a memorizzarla, copiarla": a licence without the word.
    "licence": r"\blicenz\w*|\bsub-?licenz\w*|\bsublicenz\w*|\bdiritt[oi]\b(?: \w+){0,4}? (?:di|d'|all'|a) ?(?:uso|"
    r"utilizz\w*|usare|sfruttamento|riprodurre|pubblicare|vendere|trasferire|copiare|modificare|distribuire)\b|\bil diritto di (?:vendere|trasferire|utilizzare|usare|riprodurre|pubblicare|copiare|modificare|"
    r"distribuire)\b|\bautorizz\w* [^.;]{0,40}\ba (?:memorizz|copi|utilizz|usar|riprodu|pubblic|modific|distribu)\w*",
    "user_grants": r"\b(?:l'utente|tu|voi|lei|il cliente|l'iscritto) (?:\w+ ){0,3}?(?:concede|concedi|"
    r"concedete|conferisce|conferisci|cede|cedi|accorda|accordi|autorizza|autorizzi)\b|"
    r"\bl'utente\b[^.;]{0,150}\b(?:concede|concedere|conferisce|cede|accorda|autorizza)\b|"
    r"\bconcession\w* (?:di|della) (?:\w+ )?licenz\w* a\b|\b(?:accett\w*|acconsent\w*) (?:di|a) concedere\b|\bci garantisc\w* (?:un|il) diritto\b|"
    r"\bci (?:concedi|concede|conferisci|accordi|conceda|"
    r"conferisca)\b|\b(?:tu|l'utente) (?:\w+ )?(?:conceda|conferisca|accordi)\b|\b(?:da te|dall'utente|dagli utenti) concess\w*|"
    r"\baccett\w* che [^.;]{0,80}\b(?:possa|possano) (?:utilizzare|usare|riprodurre|pubblicare|memorizzare)|\b(?:concedi|"
    r"concede|conferisci|cedi) (?:a noi|a \w+|al|alla|ai)\b|\bpubblicando\b|\bcaricando\b|\binviando\b|"
    r"\bcondividendo\b|\bfornendo\b|\bmettendo a disposizione\b|\b(?:tale|la presente|questa|detta) "
    r"licenza (?:comprende|include|consente|ci consente|permette)|\babbiamo bisogno di una licenza\b",
    "provider_grants": r"\b\w+ (?:ti|le|vi) (?:concede|concediamo|conferisce|conferiamo|accorda|"
    r"accordiamo)\b|\b(?:all'utente|agli utenti) (?:viene|vengono|è) (?:\w+ )?(?:concess|conferit|"
    r"accordat)\w*|\bconcess[oi] in licenza\b",
    "content": r"contenut\w*|\bugc\b|\bdati\b|\bfoto\w*|\bimmagin\w*|\bvideo\b|\bopere?\b|material\w*|"
    r"informazion\w*|\bpost\b|\bcommenti\b|\brecension\w*|contribut\w*",
    "ownership": r"\b(?:l'utente|tu|voi|lei) (?:\w+ )?(?:rimani|rimane|resti|resta|mantieni|mantiene|"
    r"conservi|conserva|detieni|detiene) (?:\w+ ){0,3}?(?:proprietari\w*|titolar\w*|diritti|proprietà)|"
    r"\b(?:rimane|rimangono|resta|restano) (?:di )?(?:tua|sua|vostra|tuoi|suoi) (?:\w+ )?(?:proprietà)?|"
    r"\bnon rivendic\w+ (?:alcun\w*|la) (?:diritt\w*|proprietà)|\bnon acquisi\w+ (?:alcun\w*|la) proprietà|"
    r"\b(?:l'utente|tu|voi) (?:è|sei|siete) (?:il |l')?(?:unico |esclusivo )?(?:titolare|proprietari)\w*|"
    r"\bdi cui (?:è|sei|siete) titolar\w*|\bappartengono (?:all'utente|a te|a voi)\b|\bsei (?:tu )?(?:il )?proprietari\w*|"
    r"\b(?:restano|rimangono|resta|rimane) in capo (?:all'utente|a te|a voi)\b|"
    r"\bspetta(?:no)? (?:a te|all'utente)\b|\bconserv\w* (?:\w+ ){0,2}?(?:la )?(?:titolarità|proprietà|tutti i diritti)|"
    r"\bmant(?:iene|ieni|enete|errà|errete|errai|erranno) (?:\w+ ){0,2}?(?:titolarità|proprietà|diritti)|"
    r"\bnon rivendic\w+ (?:alcuna )?titolarità",
    "ends": r"\btermin\w*|\bcess\w*|\bscad\w*|\bestingu\w*|\bfino (?:all'|al momento (?:in cui|dell'))"
    r"(?:\w+ )?(?:eliminazion|rimozion|cancellazion|elimin|rimoss|rimoz)\w*",
    "delete": r"elimin\w*|cancell\w*|rimo(?:zion|ss|v)\w*",
    "share": r"condivi\w*|comunic\w*|trasmett\w*|trasmess\w*|divulg\w*|\bvend\w*|\bced\w*|\bcession\w*|"
    r"\bnoleggi\w*|mett\w* a disposizione|mess[oi] a disposizione|\bforni(?:re|amo|ranno|sce|scono|ti|te) "
    r"(?:\w+ ){0,4}?(?:a|ai|alle|agli)\b|\bscambi\w*|\btrasferi\w*",
    "sale": r"\bvend\w*|\bnoleggi\w*|inserzionist\w*|pubblicit\w*|broker",
    "pdata": r"\bdati\b|\binformazioni\b|\brecapiti\b|indirizz\w* e-?mail|numer\w* di telefono|\bprofilo\b|"
    r"\bdettagli (?:della|del|di) (?:carta|pagamento|prenotazione)\b|\bcontenuti dell'utente\b",
    # "paesi terzi": a transfer abroad, not to a third party.
    "recipient": r"(?<!paesi )\bterz[ie]\b|\besercent\w*|\bpartner\b|inserzionist\w*|società (?:del gruppo|affiliat\w*|collegat\w*|"
    r"controllat\w*)|\baffiliat\w*|\bcontrollat\w*|\bfornitor\w*|\bresponsabili del trattamento\b|"
    r"\bautorità\b|\bacquirent\w*|\bbroker\b|\baltre (?:società|aziende)\b",
    "inbound": r"\bci (?:sono stat[ie] |vengono |viene )?(?:fornit|comunicat|trasmess)\w*|\ba noi\b",
    "ref": r"\bper (?:maggiori|ulteriori) informazioni\b|\bdiritto di (?:accesso|sapere|richiedere)\b|\binformativa (?:sulla privacy )?(?:delle stesse|di tali|"
    r"dei terzi|di terze parti)",
    "liability": r"\bnon (?:è|sono|sarà|saranno|può essere) (?:\w+ )?responsabil\w*|\bnon (?:può|possono) garantire\b|"
    r"\b(?:nessuna|alcuna) responsabilità\b",
    "assign": r"\bdiritti e (?:gli )?obblighi\b|\b(?:cedere|trasferire|assegnare) (?:\w+ )?(?:il presente|i presenti|"
    r"questo) (?:contratto|accordo|termini|condizioni)",
    "user_content": r"\b(?:tuo|tuoi|tua|tue|suoi) (?:\w+ )?(?:contenut|post|foto|contribut)\w*|\bcontenuti dell'utente\b|"
    r"\b(?:dall'utente|da te) (?:\w+ )?(?:pubblicat|caricat|inviat|fornit)\w*|\bugc\b",
    "licence_scope": r"\b(?:licenz|diritt)\w*\b[^.;]{0,300}\b(?:include|includa|comprende|comporta|è (?:\w+ )?(?:perpetu|"
    r"irrevocabil))\w*",
    "sublicence": r"\bconcedere in sub-?licenza\b|\bsub-?licenziare\b",
    "subject_to": r"\bfatt[io] salv[io]\b|\bsoggett[io] a\b",
    "warranty": r"\bdichiar\w* e garantisc\w*|\bgarantisc\w* che\b",
    "malware": r"\bvirus\b|\bcavalli di troia\b|\bmalware\b",
    "licence_noun": r"\blicenz\w*",
    "pdata_strict": r"\bdati personali\b|\binformazioni personali\b",
    "share_noun": r"\bcomunicazione\b|\bcessione\b|\bdivulgazione\b|\btrasferimento\b",
    "only_if": r"\bsolo\b[^.;]{0,80}\b(?:se|qualora|quando)\b|\besclusivamente\b[^.;]{0,80}\bse\b",
    "via_ml": r"\b(?:mediante|tramite|attraverso|grazie a)(?: l')? ?(?:apprendimento automatico|intelligenza artificiale)",
}

# Third round (EXTRA in i18n_lexicon.py).
EXTRA: dict[str, str] = {
    "grant_noun": r"\b(?:concessione|cessione) (?:della |di |delle |di una )?(?:\w+ )?licenz\w* (?:a|ad)\b|"
    r"\bdiritti concessi (?:\w+ ){0,3}?licenz\w*|\brinunci\w*\b[^.;]{0,120}\bdiritti morali\b",
    "exploit_right": r"\bdiritt[oi] di (?:\w+ ){0,3}?(?:riprodurre|utilizzare|sfruttare|modificare|adattare|"
    r"pubblicare|distribuire)\b",
    "user_grants": r"\b(?:concederai|concederà|concederete|concederanno)\b",
    "licence": r"\bpermess[oi] (?:di|d'|per) (?:\w+ ){0,2}?(?:utilizz|usa|riprodu|pubblic|memorizz|modific|"
    r"distribu)\w*",
    "recipient": r"\bconsulent\w*|\brevisori\b|\bavvocati\b|\bfinanziatori\b|\bassicurat\w*|\bsuccessor\w*|"
    r"\baltra società\b",
}

# Fourth round (EXTRA4 in i18n_lexicon.py).
EXTRA4: dict[str, str] = {
    "grant_noun": r"\b(?:richiediamo|chiediamo|necessario|dobbiamo|devi|deve)\b[^.;]{0,40}\b(?:conced\w*|conferi\w*|"
    r"ottenere)\b[^.;]{0,60}\b(?:diritti|licenz\w*)|\bottenere (?:\w+ ){0,3}?(?:dall'utente|da te|da voi)\b[^.;]{0,60}"
    r"\b(?:diritti|licenz\w*)|\b(?:è|sono) (?:\w+ )?(?:compres|inclus)[oi] (?:\w+ )?(?:il|i) diritt[oi] d|\b(?:tale|questa|la presente|detta) (?:licenza|autorizzazione) è (?:\w+ )?valida (?:\w+ )?in tutto il mondo\b",
    "licence": r"\bdiritt[oi]\b[^.;]{0,200}?\b(?:di|d') ?(?:usare|utilizzare|riprodurre|pubblicare|copiare|modificare|"
    r"distribuire|trasmettere|ospitare|memorizzare|conservare|custodire|mostrare|visualizzare|sfruttare|adattare|"
    r"tradurre|archiviare|monetizzare)\b|\bdiritt[oi] (?:alla|di) monetizza\w*",
    "user_grants": r"\b(?:l'utente|tu|voi) (?:\w+ ){0,3}?(?:trasferisce|trasferisci|trasferite)\b|\blicenz\w* "
    r"(?:\w+ )?(?:concess\w*|conferit\w*|accordat\w*) (?:(?:a|ad|al|alla|allo|ai|agli) (?!te\b|voi\b|utent)\w+|all'(?!utente)\w+)|\blicenz\w* che (?:ci )?"
    r"(?:concedi|concede|conferisci|conferisce)\b",
    "provider_grants": r"\b(?:viene|vengono|è|sono) (?:\w+ )?(?:concess|conferit|accordat)\w* (?:all'utente|agli utenti|a te)\b",
    "exploit_right": r"\b(?:è|sono) (?:\w+ )?autorizzat\w* a (?:memorizzare|riprodurre|utilizzare|usare|modificare|"
    r"pubblicare|distribuire|adattare)\b",
    "content": r"\bmarchi\w*|\blogh?i\b|\blogo\b|\binvi[oi]\b",
    "ownership": r"\bdi proprietà dell'utente\b|\bnon rivendic\w+ (?:la |alcuna )?(?:titolarità|proprietà)|"
    r"\bnon (?:avere|ha|abbiamo|avrà|acquisisce|acquisiamo) alcun diritto\b[^.;]{0,80}"
    r"\b(?:dell'utente|suo contenuto|suoi contenuti|tuo contenuto|tuoi contenuti)\b",
    "licence_except": r"\b(?:oltre a|ad eccezione di|salvo|a parte) (?:tale|questa|la|detta) (?:\w+ )?licenza\b",
    "ends": r"\bfino al momento in cui\b[^.;]{0,60}\b(?:rimoss|eliminat|cancellat)\w*",
    "revoke": r"\b(?:puoi|potete|l'utente può) (?:\w+ ){0,3}?(?:revocare|ritirare|terminare) (?:tale|questa|la) "
    r"(?:\w+ )?licenza\b",
    "not_assured": r"\bdichiar\w* (?:\w+ )?(?:di essere|che (?:è|sei)) (?:il |l')?(?:titolare|proprietari)\w*|"
    r"\bgarantisc\w* di essere\b|\bse (?:l'utente|tu) (?:è|sei|non è|non sei) (?:il )?(?:titolare|proprietari)\w*",
    "recipient": r"\bterza parte\b|\bforze dell'ordine\b|\benti pubblici\b|\bsocietà esterne\b",
    "user_side": r"\b(?:di|a) un altro utente\b",
    "share": r"\bconsultat[aie] da\b",
    # Data coming TO the provider: "i partner condividono con noi", "riceviamo informazioni da partner".
    "inbound_clause": r"\b(?:condivid|comunic|trasmett|fornisc|invi)\w* (?:\w+ ){0,5}?con noi\b|\b(?:riceviamo|otteniamo|"
    r"raccogliamo|ricevere|ottenere|raccogliere)\b[^.;]{0,120}?\b(?:da parte d\S*|presso|dai|dagli|dalle?|da) "
    r"(?:\w+ ){0,2}?(?:terz|partner|fornitor|venditor|inserzionist|societ|piattaform)\w*",
    # The user's duties (data-sharing only), even beside "ci"/"noi": "l'Utente si impegna a ... non divulgarli a terzi".
    "user_duty": r"\b(?:l'utente|ogni utente|il cliente|l'acquirente|il venditore|l'iscritto) (?:\w+ )?(?:si impegna|è "
    r"tenut[oa])\b|\b(?:ti impegni|sei tenut[oa])\b",
}
