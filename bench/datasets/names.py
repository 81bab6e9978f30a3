"""Hand-written name inventories with real spelling variants.

Every concept lists spellings that the *same person's* name is really written as by
different writers: a family in Lyon, a hospital in Beirut, an NGO in Gaziantep, a
volunteer typing on a phone. The first Latin spelling is the most common one.

Line format (fields separated by `|`):

    given:  key | sex | origins | latin spellings | other-script spellings | short forms
    family: key | origins | latin spellings | other-script spellings

Other-script spellings are Arabic script (Arabic or Persian letters) or Cyrillic; a
Cyrillic spelling prefixed `ua:` is the Ukrainian form. Latin spellings of Cyrillic
concepts are the international ones (Alexander, Dmitri); the passport, French and
German transliterations are added from the Cyrillic by `translit.py`.
Arabic-script spellings of non-Arabic names (جون John, بيير Pierre) are the ones used
in Arabic-language newspapers and NGO lists, with the Egyptian ج for hard g where it
is really used (هوجو beside هوغو).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

ARABIC_ORIGINS = ("arab", "fa", "ur")
CYRILLIC_ORIGINS = ("ru", "uk")

GIVEN_NAMES = """
# --- Arabic (Maghreb, Egypt, Levant, Gulf, and as used in Pakistan, Iran, West Africa)
mohamed | M | arab ur fa | Mohamed, Mohammed, Muhammad, Mohammad, Mohamad, Muhammed, Mouhamed, Mohammad | محمد | Med, Mohd
ahmed | M | arab ur | Ahmed, Ahmad, Ahmet, Ahmedou | أحمد, احمد |
mahmoud | M | arab ur | Mahmoud, Mahmud, Mahmood, Mahmut | محمود |
mustafa | M | arab ur | Mustafa, Moustafa, Mostafa, Mustapha, Moustapha | مصطفى, مصطفي |
ali | M | arab ur fa | Ali | علي |
omar | M | arab ur | Omar, Umar, Omer | عمر |
youssef | M | arab | Youssef, Yousef, Yusuf, Youcef, Yousif, Yussuf | يوسف |
ibrahim | M | arab ur | Ibrahim, Brahim, Ebrahim, Ibraheem | إبراهيم, ابراهيم |
khaled | M | arab | Khaled, Khalid | خالد |
hassan | M | arab ur fa | Hassan, Hasan, Hacen | حسن |
hussein | M | arab ur fa | Hussein, Hussain, Hocine, Houssein, Husain, Hossein | حسين, حسین |
abdallah | M | arab ur | Abdallah, Abdullah, Abdellah, Abdulla, Abd Allah, Abdalla | عبد الله, عبدالله |
abderrahmane | M | arab ur | Abderrahmane, Abdelrahman, Abdulrahman, Abdul Rahman, Abdurrahman, Abderahmane, Abdel Rahman | عبد الرحمن, عبدالرحمن |
abdelkader | M | arab | Abdelkader, Abdulkadir, Abdul Qadir, Abdel Kader, Abdelkadir | عبد القادر, عبدالقادر | Kader
abdelaziz | M | arab | Abdelaziz, Abdulaziz, Abdel Aziz, Abdul Aziz | عبد العزيز, عبدالعزيز | Aziz
said | M | arab | Said, Saïd, Saeed, Saied | سعيد |
karim | M | arab ur fa | Karim, Kareem | كريم |
rachid | M | arab ur | Rachid, Rashid, Rasheed, Rachide | رشيد |
jamal | M | arab ur | Jamal, Djamel, Gamal, Jamel, Djamal | جمال |
nabil | M | arab | Nabil, Nabeel | نبيل |
tarek | M | arab ur | Tarek, Tariq, Tarik, Tareq | طارق |
yassine | M | arab | Yassine, Yasin, Yacine, Yassin, Yaseen | ياسين |
othmane | M | arab ur | Othmane, Othman, Osman, Usman, Outhmane, Uthman | عثمان |
bilal | M | arab ur | Bilal, Belal | بلال |
zakaria | M | arab ur | Zakaria, Zakariya, Zakariyya, Zacharia | زكريا |
hicham | M | arab | Hicham, Hisham, Hesham | هشام |
walid | M | arab | Walid, Waleed, Oualid | وليد |
faisal | M | arab ur | Faisal, Fayçal, Faysal, Faycal, Feisal | فيصل |
samir | M | arab ur | Samir, Sameer | سمير |
mounir | M | arab | Mounir, Munir, Muneer | منير |
noureddine | M | arab | Noureddine, Nour Eddine, Nour El Din, Nureddin, Nuruddin, Nour-Eddine | نور الدين, نورالدين |
salaheddine | M | arab | Salaheddine, Salah Eddine, Salahuddin, Salah El Din, Salah-Eddine | صلاح الدين | Salah
imad | M | arab | Imad, Emad | عماد |
ayman | M | arab | Ayman, Aymen | أيمن, ايمن |
anas | M | arab | Anas | أنس, انس |
hamza | M | arab ur | Hamza, Hamzah | حمزة, حمزه |
ismail | M | arab ur | Ismail, Ismaïl, Ismael, Smail, Esmail | إسماعيل, اسماعيل |
sulaiman | M | arab ur | Sulaiman, Suleiman, Slimane, Soliman, Sulayman, Souleymane | سليمان |
amine | M | arab fa | Amine, Amin, Ameen | أمين, امين |
mehdi | M | arab fa | Mehdi, Mahdi | مهدي, مهدی |
adel | M | arab | Adel, Adil | عادل |
mourad | M | arab | Mourad, Murad, Morad | مراد |
riad | M | arab | Riad, Riyad, Riyadh | رياض |
ziad | M | arab | Ziad, Ziyad | زياد |
fadi | M | arab | Fadi, Fady | فادي |
rami | M | arab | Rami, Ramy | رامي |
bassem | M | arab | Bassem, Basem | باسم |
majed | M | arab | Majed, Maged, Majid | ماجد |
nasser | M | arab | Nasser, Naser, Nacer | ناصر |
sami | M | arab | Sami, Samy | سامي |
jalal | M | arab fa | Jalal, Djalal, Galal | جلال |
fatima | F | arab ur | Fatima, Fatma, Fatema, Fatimah, Fadma | فاطمة, فاطمه |
fatemeh | F | fa | Fatemeh, Fatemah, Fatima | فاطمه, فاطمة |
aicha | F | arab ur | Aicha, Aïcha, Aisha, Aysha, Ayesha, Aischa | عائشة, عائشه, عايشة |
khadija | F | arab ur | Khadija, Khadidja, Khadeeja, Khadijah | خديجة, خديجه |
maryam | F | arab ur fa | Maryam, Meryem, Mariam, Meriem, Myriam, Mariem | مريم |
zainab | F | arab ur fa | Zainab, Zineb, Zaynab, Zeinab | زينب |
nour | F | arab | Nour, Noor, Nur | نور |
nourelhouda | F | arab | Nour el Houda, Nourelhouda, Nour El Houda, Nour al-Huda, Noor Alhuda, Nour-El-Houda | نور الهدى, نورالهدى |
leila | F | arab fa | Leila, Layla, Laila, Leïla, Leyla | ليلى, ليلي |
salma | F | arab | Salma, Selma | سلمى |
yasmine | F | arab fa | Yasmine, Yasmin, Yasmina | ياسمين |
amina | F | arab ur | Amina, Ameena, Aminah | أمينة, امينة, أمينه |
halima | F | arab | Halima, Haleema, Halimah | حليمة |
souad | F | arab | Souad, Suad, Soad | سعاد |
nadia | F | arab ur | Nadia, Nadiya | نادية, ناديه |
samira | F | arab | Samira, Sameera | سميرة |
rania | F | arab | Rania, Ranya | رانيا |
houda | F | arab | Houda, Huda, Hoda | هدى |
doaa | F | arab | Doaa, Duaa, Doua, Dua | دعاء |
aya | F | arab | Aya, Ayah | آية, اية |
imane | F | arab | Imane, Iman, Eman, Imen | إيمان, ايمان |
asmaa | F | arab | Asmaa, Asma, Esma | أسماء, اسماء |
hanane | F | arab | Hanane, Hanan, Hanen | حنان |
sara | F | arab en fr | Sara, Sarah | سارة, ساره |
jamila | F | arab | Jamila, Djamila, Gamila, Jameela | جميلة |
karima | F | arab | Karima, Kareema | كريمة |
latifa | F | arab | Latifa, Latifah | لطيفة |
reem | F | arab | Rim, Reem, Rym | ريم |
lina | F | arab | Lina, Leena | لينا |
heba | F | arab | Hiba, Heba | هبة |
wafaa | F | arab | Wafa, Wafaa | وفاء |
zohra | F | arab | Zohra, Zahra | زهرة |
mona | F | arab | Mona, Muna, Mouna | منى |
nawal | F | arab | Nawal | نوال |
siham | F | arab | Siham, Seham | سهام |
israa | F | arab | Israa, Esraa, Isra | إسراء, اسراء |
# --- Persian
reza | M | fa | Reza, Rida, Ridha | رضا |
amir | M | fa arab | Amir, Ameer | أمير, امیر |
dariush | M | fa | Dariush, Darioush, Daryoush | داریوش, داريوش |
arash | M | fa | Arash | آرش |
babak | M | fa | Babak | بابک, بابك |
kourosh | M | fa | Kourosh, Kurosh | کوروش, كوروش |
parisa | F | fa | Parisa | پریسا, باريسا |
shirin | F | fa arab | Shirin, Chirine, Shireen, Sherine | شيرين, شیرین |
farzaneh | F | fa | Farzaneh, Farzana | فرزانه |
niloufar | F | fa | Niloufar, Niloofar, Nilufar | نیلوفر, نيلوفر |
mahsa | F | fa | Mahsa | مهسا |
# --- Urdu / Pakistani
imran | M | ur | Imran, Emran | عمران |
asif | M | ur | Asif, Aasif | آصف |
zubair | M | ur | Zubair, Zubayr, Zobair | زبير |
sana | F | ur | Sana, Sanaa | ثناء, سناء |
faiza | F | ur | Faiza, Faïza, Fayza | فائزة, فايزة |
# --- Turkish
mehmet | M | tr | Mehmet, Mehmed | محمد |
ahmet | M | tr | Ahmet | أحمد |
mustafa_tr | M | tr | Mustafa | مصطفى |
huseyin | M | tr | Hüseyin, Huseyin | حسين |
omer | M | tr | Ömer, Omer | عمر |
murat | M | tr | Murat | مراد |
emre | M | tr | Emre | إمره |
burak | M | tr | Burak | بوراك |
ayse | F | tr | Ayşe, Ayse | عائشة |
fatma | F | tr | Fatma | فاطمة |
emine | F | tr | Emine | أمينة |
zeynep | F | tr | Zeynep | زينب |
hatice | F | tr | Hatice | خديجة |
ozlem | F | tr | Özlem, Ozlem | أوزلم |
elif | F | tr | Elif | إليف |
esra | F | tr | Esra | إسراء |
gulsen | F | tr | Gülşen, Gulsen, Gülsen | غولشن |
# --- West African
mamadou | M | wa | Mamadou, Mamadu | مامادو |
amadou | M | wa | Amadou, Amadu, Ahmadou | أمادو |
moussa | M | wa arab | Moussa, Musa, Mousa | موسى |
ousmane | M | wa | Ousmane, Usman, Osman | عثمان |
ibrahima | M | wa | Ibrahima, Ibrahim | إبراهيما |
abdoulaye | M | wa | Abdoulaye, Abdoulay, Abdullahi | عبد الله |
boubacar | M | wa | Boubacar, Aboubacar, Abubakar, Bubacarr, Aboubakar | أبو بكر, ابوبكر |
cheikh | M | wa | Cheikh, Cheick, Sheikh | شيخ |
seydou | M | wa | Seydou, Seidou | سيدو |
kwame | M | wa | Kwame | كوامي |
kofi | M | wa | Kofi | كوفي |
fatoumata | F | wa | Fatoumata, Fatimata, Fatumata | فاطوماتا | Fatou, Fanta
aminata | F | wa | Aminata | أميناتا |
mariama | F | wa | Mariama | مارياما |
aissatou | F | wa | Aïssatou, Aissatou, Aisatou | |
kadiatou | F | wa | Kadiatou, Kadidiatou, Khadidiatou | |
awa | F | wa | Awa | آوا |
adjoa | F | wa | Adjoa, Adwoa | |
# --- French
jean-pierre | M | fr | Jean-Pierre, Jean Pierre | جان بيير | JP
jean | M | fr | Jean | جان |
pierre | M | fr | Pierre | بيير |
francois | M | fr | François | فرانسوا |
stephane | M | fr | Stéphane | ستيفان | Steph
jerome | M | fr | Jérôme | جيروم |
benoit | M | fr | Benoît | بنوا |
aurelien | M | fr | Aurélien | أوريليان |
alexandre | M | fr | Alexandre | ألكسندر, الكسندر | Alex
nicolas | M | fr | Nicolas | نيكولا | Nico
christophe | M | fr | Christophe | كريستوف | Chris
frederic | M | fr | Frédéric | فريدريك | Fred
sebastien | M | fr | Sébastien | سيباستيان | Seb
mathieu | M | fr | Mathieu, Matthieu | ماتيو |
guillaume | M | fr | Guillaume | غيوم |
julien | M | fr | Julien | جوليان |
antoine | M | fr | Antoine | أنطوان, انطوان |
louis | M | fr | Louis | لويس |
philippe | M | fr | Philippe | فيليب |
michel | M | fr | Michel | ميشال, ميشيل |
jean-baptiste | M | fr | Jean-Baptiste, Jean Baptiste | جان باتيست |
hugo | M | fr | Hugo | هوغو, هوجو |
lucas | M | fr | Lucas | لوكاس |
thomas | M | fr en | Thomas | توماس | Tom
marie | F | fr | Marie | ماري |
helene | F | fr | Hélène | هيلين, إيلين |
francoise | F | fr | Françoise | فرانسواز |
cecile | F | fr | Cécile | سيسيل |
noemie | F | fr | Noémie | نويمي |
chloe | F | fr | Chloé | كلوي |
zoe | F | fr | Zoé | زوي |
gaelle | F | fr | Gaëlle | |
anais | F | fr | Anaïs | أنايس |
lea | F | fr | Léa | ليا |
elodie | F | fr | Élodie | إيلودي |
therese | F | fr | Thérèse | تيريز |
camille | F | fr | Camille | كاميل |
nathalie | F | fr | Nathalie | ناتالي |
isabelle | F | fr | Isabelle | إيزابيل | Isa
catherine | F | fr | Catherine | كاترين | Cathy
marie-claire | F | fr | Marie-Claire | ماري كلير |
sandrine | F | fr | Sandrine | ساندرين |
celine | F | fr | Céline | سيلين |
valerie | F | fr | Valérie | فاليري |
emma | F | fr en | Emma | إيما |
# --- English
william | M | en | William | ويليام, وليام | Bill, Will, Billy
robert | M | en | Robert | روبرت | Bob, Rob, Bobby
richard | M | en | Richard | ريتشارد | Rick, Dick, Richie
james | M | en | James | جيمس | Jim, Jimmy
michael | M | en | Michael | مايكل | Mike
john | M | en | John | جون | Johnny, Jack
david | M | en | David | ديفيد, دافيد | Dave
christopher | M | en | Christopher | كريستوفر | Chris
daniel | M | en | Daniel | دانيال, دانييل | Dan, Danny
anthony | M | en | Anthony | أنتوني | Tony
edward | M | en | Edward | إدوارد | Ed, Ted, Eddie
george | M | en | George | جورج |
peter | M | en | Peter | بيتر | Pete
elizabeth | F | en | Elizabeth, Elisabeth | إليزابيث | Liz, Beth, Betty
margaret | F | en | Margaret | مارغريت, مارجريت | Maggie, Peggy
katherine | F | en | Katherine, Catherine, Kathryn | كاثرين | Kate, Kathy, Katie
jennifer | F | en | Jennifer | جينيفر | Jen, Jenny
mary | F | en | Mary | ماري |
susan | F | en | Susan | سوزان | Sue
patricia | F | en | Patricia | باتريشيا | Pat, Trish
rebecca | F | en | Rebecca | ريبيكا | Becky
rachel | F | en | Rachel | راشيل |
laura | F | en | Laura | لورا |
olivia | F | en | Olivia | أوليفيا |
# --- Spanish
jose | M | es pt | José | خوسيه | Pepe
juan-carlos | M | es | Juan Carlos | خوان كارلوس |
francisco | M | es pt | Francisco | فرانسيسكو | Paco, Pancho
alejandro | M | es | Alejandro | أليخاندرو | Alex
ignacio | M | es | Ignacio | إغناسيو | Nacho
javier | M | es | Javier | خافيير |
miguel | M | es pt | Miguel | ميغيل, ميجيل |
pedro | M | es pt | Pedro | بيدرو |
manuel | M | es pt | Manuel | مانويل | Manolo
luis | M | es | Luis | لويس |
maria-jose | F | es | María José | ماريا خوسيه |
guadalupe | F | es | Guadalupe | غوادالوبي | Lupe
dolores | F | es | Dolores | دولوريس | Lola
carmen | F | es | Carmen | كارمن |
lucia | F | es | Lucía | لوسيا |
# --- Portuguese
joao | M | pt | João | جواو |
antonio | M | pt es | António, Antônio, Antonio | أنطونيو |
goncalo | M | pt | Gonçalo | غونسالو |
conceicao | F | pt | Conceição | كونسيساو |
ines | F | pt | Inês | إينيس |
beatriz | F | pt es | Beatriz | بياتريس |
mariana | F | pt | Mariana | ماريانا |
rita | F | pt | Rita | ريتا |
isabel | F | es pt | Isabel | إيزابيل |
rui | M | pt | Rui | روي |
tiago | M | pt | Tiago | تياغو |
maria | F | pt es | Maria, María | ماريا |
ana | F | pt es | Ana | آنا |
# --- Russian / Ukrainian
aleksandr | M | ru uk | Alexander, Aleksandr, Alexandr, Alexandre | Александр, ua:Олександр | Sasha, Sacha, Саша
dmitri | M | ru uk | Dmitri, Dmitry, Dmitriy | Дмитрий, ua:Дмитро | Dima, Дима
aleksei | M | ru uk | Alexei, Aleksei, Alexey, Aleksey | Алексей, ua:Олексій |
sergei | M | ru uk | Sergei, Sergey, Serguei | Сергей, ua:Сергій |
andrei | M | ru uk | Andrei, Andrey | Андрей, ua:Андрій |
vladimir | M | ru uk | Vladimir, Wladimir | Владимир, ua:Володимир | Volodya, Vova
nikolai | M | ru uk | Nikolai, Nikolay, Nicolai | Николай, ua:Микола | Kolya
mikhail | M | ru uk | Mikhail, Michail | Михаил, ua:Михайло | Misha, Micha
ivan | M | ru uk | Ivan | Иван, ua:Іван | Vanya
yuri | M | ru uk | Yuri, Yury, Iouri | Юрий, ua:Юрій | Yura
evgeny | M | ru uk | Evgeny, Yevgeny, Evgueni, Eugene | Евгений, ua:Євген | Zhenya
pavel | M | ru uk | Pavel | Павел, ua:Павло | Pasha
oleg | M | ru uk | Oleg | Олег, ua:Олег |
igor | M | ru uk | Igor | Игорь, ua:Ігор |
maksim | M | ru uk | Maxim, Maksim | Максим, ua:Максим | Max
artem | M | ru uk | Artem, Artyom | Артём, ua:Артем |
bohdan | M | uk | Bohdan, Bogdan | ua:Богдан |
taras | M | uk | Taras | ua:Тарас |
olga | F | ru uk | Olga | Ольга, ua:Ольга | Olya
natalia | F | ru uk | Natalia, Natalya | Наталья, ua:Наталія | Natasha, Natacha
elena | F | ru uk | Elena, Yelena, Helena | Елена, ua:Олена | Lena
tatiana | F | ru uk | Tatiana, Tatyana | Татьяна, ua:Тетяна | Tanya, Tania
yulia | F | ru uk | Yulia, Julia, Ioulia | Юлия, ua:Юлія |
anna | F | ru uk | Anna | Анна, ua:Ганна | Anya
mariya | F | ru uk | Maria, Mariya | Мария, ua:Марія | Masha
irina | F | ru uk | Irina | Ирина, ua:Ірина | Ira
svetlana | F | ru uk | Svetlana | Светлана, ua:Світлана | Sveta
ekaterina | F | ru uk | Ekaterina, Yekaterina, Catherine | Екатерина, ua:Катерина | Katya, Katia
anastasia | F | ru uk | Anastasia | Анастасия, ua:Анастасія | Nastya, Nastia
ksenia | F | ru uk | Ksenia, Xenia | Ксения, ua:Ксенія |
oksana | F | uk | Oksana | ua:Оксана |
viktoria | F | ru uk | Victoria, Viktoria | Виктория, ua:Вікторія | Vika
daria | F | ru uk | Daria, Darya | Дарья, ua:Дарія | Dasha
"""

FAMILY_NAMES = """
# --- Arabic: particles (El/Al-/Ben/Bou/Abu/Abd) and sun-letter assimilation are real variants
amrani | arab | El Amrani, Amrani, Al-Amrani, Elamrani, Al Amrani | العمراني, عمراني
benali | arab | Ben Ali, Benali, Ben-Ali, Bin Ali | بن علي, بنعلي
bouzid | arab | Bouzid, Bouzide | بوزيد
abouzeid | arab | Abou Zeid, Abu Zaid, Abouzeid, Abu Zeid | أبو زيد, ابو زيد
haddad | arab | Haddad, El Haddad, Al-Haddad, Hadad | حداد, الحداد
khoury | arab | Khoury, Khouri, El Khoury, Al-Khoury | خوري, الخوري
masri | arab | El Masri, Al-Masri, Elmasry, El-Masry, Masri | المصري, مصري
mansour | arab | Mansour, Mansur, Mansoor | منصور
hassan_f | arab ur | Hassan, Hasan | حسن
saleh | arab | Saleh, Salih | صالح
nasser_f | arab | Nasser, Naser, Nacer | ناصر
hamdan | arab | Hamdan, Hamdane | حمدان
benyoucef | arab | Benyoucef, Ben Youssef, Ben Yousef, Bin Yousef | بن يوسف
boumediene | arab | Boumediene, Boumedienne, Boumedien | بومدين
belkacem | arab | Belkacem, Belkasem, Belgacem, Belkassem | بلقاسم
idrissi | arab | El Idrissi, Idrissi, Al-Idrisi, Elidrissi, Al Idrissi | الإدريسي, الادريسي
tazi | arab | Tazi, Ettazi, El Tazi | التازي
bennani | arab | Bennani, Benani | بناني
alaoui | arab | Alaoui, El Alaoui, Al-Alawi, Alawi, Elalaoui | العلوي
cherif | arab | Cherif, Chérif, Sharif, El Cherif, Al-Sharif, Charif | الشريف, شريف
zidane | arab | Zidane, Zeidan, Zaidan | زيدان
rahmani | arab | Rahmani | رحماني
sayed | arab | El Sayed, Elsayed, Al-Sayed, El-Sayed, Sayed | السيد
hashimi | arab | El Hachemi, Al-Hashimi, Hashemi, Hachemi, Al Hashemi | الهاشمي
shami | arab | Al-Shami, Chami, El Chami, Shami, Alshami | الشامي
najjar | arab | Najjar, Al-Najjar, El Naggar, Naggar, Ennajjar | النجار, نجار
kassem | arab | Kassem, Qasim, Kacem, Qassem, Kasem | قاسم
jaber | arab | Jaber, Jabir, Gaber, Djaber | جابر
darwish | arab | Darwish, Darwiche, Derwich | درويش
hegazy | arab | Hijazi, Hegazy, Hegazi, Higazi, Hejazi | حجازي
tamimi | arab | Al-Tamimi, Tamimi, Al Tamimi, Et-Tamimi | التميمي
mahfouz | arab | Mahfouz, Mahfuz, Mahfoudh, Mahfoud | محفوظ
moussa_f | arab | Moussa, Musa, Mousa | موسى
yacoub | arab | Yacoub, Yaqoub, Yakub, Yaacoub | يعقوب
abbas | arab | Abbas, Abas | عباس
salem | arab | Salem | سالم
farah | arab | Farah | فرح
chaoui | arab | Chaoui, Shawi, Echaoui | الشاوي
benabdallah | arab | Benabdallah, Ben Abdallah, Ben Abdellah, Bin Abdullah | بن عبد الله, بنعبد الله
abdelrahman_f | arab | Abdelrahman, Abdel Rahman, Abdulrahman, Abderrahmane | عبد الرحمن, عبدالرحمن
boukhari | arab | Boukhari, El Boukhari, Al-Bukhari, Bukhari | البخاري
khalil | arab | Khalil, Khaleel | خليل
habib | arab | Habib, Habeeb | حبيب
gemayel | arab | Gemayel, Jemayel | الجميل
sfeir | arab | Sfeir, Sfair | صفير
nassif | arab | Nassif, Nasif | ناصيف
aoun | arab | Aoun, Awn | عون
frangieh | arab | Frangieh, Frangie, Franjieh | فرنجية
touati | arab | Touati | تواتي
# --- Persian
hosseini | fa | Hosseini, Husseini, Hosseyni, Hoseini | حسینی, حسيني
ahmadi | fa | Ahmadi | احمدی, أحمدي
mohammadi | fa | Mohammadi, Mohamadi | محمدی, محمدي
rezaei | fa | Rezaei, Rezaee, Rezai, Rezaie | رضایی, رضائي
karimi | fa | Karimi | کریمی, كريمي
jafari | fa | Jafari, Jaafari, Jaffari, Djafari | جعفری, جعفري
moradi | fa | Moradi | مرادی, مرادي
rahimi | fa | Rahimi | رحیمی, رحيمي
najafi | fa | Najafi | نجفی, نجفي
sadeghi | fa | Sadeghi, Sadeqi | صادقی, صادقي
# --- Urdu / Pakistani
khan | ur | Khan | خان
qureshi | ur | Qureshi, Quraishi, Qureshy, Koreshi | قریشی, قريشي
siddiqui | ur | Siddiqui, Siddiqi, Siddique | صدیقی, صديقي
chaudhry | ur | Chaudhry, Chaudhary, Choudhury, Chowdhury | چودھری
malik | ur | Malik | ملک, مالك
sheikh | ur | Sheikh, Shaikh, Sheik | شیخ, شيخ
mirza | ur | Mirza | مرزا, ميرزا
# --- Turkish (ı, ş, ç, ğ, ö, ü are dropped by most non-Turkish keyboards)
yilmaz | tr | Yılmaz, Yilmaz | يلماز
kaya | tr | Kaya | كايا
demir | tr | Demir | دمير
sahin | tr | Şahin, Sahin | شاهين
celik | tr | Çelik, Celik | تشيليك
ozturk | tr | Öztürk, Ozturk | أوزتورك
aydin | tr | Aydın, Aydin | آيدين
dogan | tr | Doğan, Dogan | دوغان
arslan | tr | Arslan, Aslan | أرسلان
ozdemir | tr | Özdemir, Ozdemir | أوزدمير
# --- West African (the same clan names are spelled differently in Gambia, Mali, Guinea)
diallo | wa | Diallo, Jallow, Djalo | ديالو
traore | wa | Traoré, Traore | تراوري
keita | wa | Keita, Keïta | كيتا
coulibaly | wa | Coulibaly, Kulibali, Koulibaly | كوليبالي
diop | wa | Diop | ديوب
ndiaye | wa | Ndiaye, N'Diaye, Njie |
sow | wa | Sow, Sowe |
camara | wa | Camara, Kamara | كامارا
toure | wa | Touré, Toure | توري
cisse | wa | Cissé, Cisse | سيسي
mensah | wa | Mensah |
diarra | wa | Diarra | ديارا
sangare | wa | Sangaré, Sangare | سانغاري
dembele | wa | Dembélé, Dembele | دمبيلي
# --- French (Lefèvre and Lefebvre are both real spellings of one name)
dupont | fr | Dupont | دوبون
martin | fr | Martin | مارتن
bernard | fr | Bernard | برنار
dubois | fr | Dubois | دوبوا
durand | fr | Durand | دوران
moreau | fr | Moreau | مورو
laurent | fr | Laurent | لوران
lefevre | fr | Lefèvre, Lefebvre, Lefevre | لوفيفر
girard | fr | Girard | جيرار
rousseau | fr | Rousseau | روسو
leroy | fr | Leroy, Le Roy | لوروا
fournier | fr | Fournier | فورنييه
mercier | fr | Mercier | مرسييه
gauthier | fr | Gauthier, Gautier | غوتييه
lemaitre | fr | Lemaître, Le Maître | لوميتر
leclerc | fr | Leclerc, Leclercq | لوكلير
chevalier | fr | Chevalier | شوفالييه
delacroix | fr | Delacroix, De La Croix | دولاكروا
deschamps | fr | Deschamps, Des Champs | ديشان
levesque | fr | Lévesque, Lévêque, Levesque | ليفيك
# --- English
smith | en | Smith | سميث
johnson | en | Johnson | جونسون
brown | en | Brown | براون
taylor | en | Taylor | تايلور
wilson | en | Wilson | ويلسون
davies | en | Davies, Davis | ديفيز
thompson | en | Thompson, Thomson | تومسون
obrien | en | O'Brien, OBrien, O Brien | أوبراين
macdonald | en | MacDonald, McDonald, Macdonald | ماكدونالد
evans | en | Evans | إيفانز
# --- Spanish and Portuguese
garcia | es | García | غارسيا, جارسيا
fernandez | es | Fernández | فرنانديز
gonzalez | es | González | غونزاليس, جونزاليس
rodriguez | es | Rodríguez | رودريغيز
lopez | es | López | لوبيز
martinez | es | Martínez | مارتينيز
perez | es | Pérez | بيريز
sanchez | es | Sánchez | سانشيز
silva | pt | da Silva, Silva | دا سيلفا, سيلفا
santos | pt | dos Santos, Santos | دوس سانتوس, سانتوس
pereira | pt | Pereira | بيريرا
ferreira | pt | Ferreira | فيريرا
sousa | pt | Sousa, Souza, de Sousa | سوزا
goncalves | pt | Gonçalves | غونسالفيس
oliveira | pt | Oliveira, de Oliveira | أوليفيرا
# --- Russian and Ukrainian (female forms are derived: Иванов -> Иванова)
ivanov | ru | Ivanov | Иванов
petrov | ru | Petrov | Петров
smirnov | ru | Smirnov | Смирнов
kuznetsov | ru | Kuznetsov | Кузнецов
popov | ru | Popov | Попов
sokolov | ru | Sokolov | Соколов
lebedev | ru | Lebedev | Лебедев
novikov | ru | Novikov | Новиков
morozov | ru | Morozov | Морозов
volkov | ru | Volkov | Волков
fedorov | ru | Fedorov, Fyodorov | Фёдоров, Федоров
zaitsev | ru | Zaitsev, Zaytsev | Зайцев
solovyov | ru | Solovyov, Soloviev | Соловьёв, Соловьев
pavlov | ru | Pavlov | Павлов
orlov | ru | Orlov | Орлов
vishnevsky | ru | Vishnevsky | Вишневский
pokrovsky | ru | Pokrovsky | Покровский
shevchenko | uk | Shevchenko | ua:Шевченко
kovalenko | uk | Kovalenko | ua:Коваленко
bondarenko | uk | Bondarenko | ua:Бондаренко
tkachenko | uk | Tkachenko | ua:Ткаченко
kravchenko | uk | Kravchenko | ua:Кравченко
melnyk | uk | Melnyk, Melnik | ua:Мельник
boyko | uk | Boyko, Boiko | ua:Бойко
kovalchuk | uk | Kovalchuk | ua:Ковальчук
oliynyk | uk | Oliynyk, Oleinik | ua:Олійник
lysenko | uk | Lysenko, Lissenko | ua:Лисенко
marchenko | uk | Marchenko | ua:Марченко
savchenko | uk | Savchenko | ua:Савченко
rudenko | uk | Rudenko | ua:Руденко
hrytsenko | uk | Hrytsenko, Gritsenko | ua:Гриценко
"""

# Russian and Ukrainian patronymics by father's given-name key: (ru m, ru f, ua m, ua f).
PATRONYMICS = {
    "aleksandr": ("Александрович", "Александровна", "Олександрович", "Олександрівна"),
    "dmitri": ("Дмитриевич", "Дмитриевна", "Дмитрович", "Дмитрівна"),
    "aleksei": ("Алексеевич", "Алексеевна", "Олексійович", "Олексіївна"),
    "sergei": ("Сергеевич", "Сергеевна", "Сергійович", "Сергіївна"),
    "andrei": ("Андреевич", "Андреевна", "Андрійович", "Андріївна"),
    "vladimir": ("Владимирович", "Владимировна", "Володимирович", "Володимирівна"),
    "nikolai": ("Николаевич", "Николаевна", "Миколайович", "Миколаївна"),
    "mikhail": ("Михайлович", "Михайловна", "Михайлович", "Михайлівна"),
    "ivan": ("Иванович", "Ивановна", "Іванович", "Іванівна"),
    "yuri": ("Юрьевич", "Юрьевна", "Юрійович", "Юріївна"),
    "pavel": ("Павлович", "Павловна", "Павлович", "Павлівна"),
    "oleg": ("Олегович", "Олеговна", "Олегович", "Олегівна"),
    "igor": ("Игоревич", "Игоревна", "Ігорович", "Ігорівна"),
}

# Places with the wordings reports really use (exonyms, local names, scripts, districts).
PLACES = """
paris | fr | Paris, Paris 18e, Paris 10e, Gare du Nord, Paris | باريس
marseille | fr | Marseille, Marseilles, Marseille 13003, Marseille Saint-Charles | مرسيليا
lyon | fr | Lyon, Lyon 7e, Villeurbanne, Lyon Part-Dieu | ليون
calais | fr | Calais, Calais jungle, Coquelles | كاليه
nice | fr | Nice, Nizza, Nice Ariane | نيس
beirut | lev | Beirut, Beyrouth, Bayrut, Beirut Karantina, Achrafieh, Beirut | بيروت, الأشرفية
tripoli-lb | lev | Tripoli, Trablous, Tripoli Lebanon | طرابلس
saida | lev | Saida, Sidon, Saïda | صيدا
damascus | lev | Damascus, Damas, Dimashq | دمشق
aleppo | lev | Aleppo, Alep, Halab | حلب
gaziantep | lev | Gaziantep, Antep, Ayntab | غازي عنتاب, عنتاب
cairo | egy | Cairo, Le Caire, Al Qahira | القاهرة
alexandria | egy | Alexandria, Alexandrie, Al Iskandariya | الإسكندرية
algiers | mag | Alger, Algiers, Bab El Oued, Alger Centre | الجزائر, الجزائر العاصمة
oran | mag | Oran, Wahran | وهران
casablanca | mag | Casablanca, Casa, Dar el Beida | الدار البيضاء
tunis | mag | Tunis, Tunis Medina | تونس
lampedusa | mag | Lampedusa, Lampedusa hotspot | لامبيدوزا
kharkiv | ua | Kharkiv, Kharkov, Charkiw | Харків, Харьков
kyiv | ua | Kyiv, Kiev, Kiew | Київ, Киев
odesa | ua | Odesa, Odessa | Одеса, Одесса
mariupol | ua | Mariupol, Marioupol | Маріуполь, Мариуполь
lviv | ua | Lviv, Lvov, Lwów, Lemberg | Львів, Львов
przemysl | ua | Przemyśl, Przemysl, Peremyshl | Перемишль
dakar | wa | Dakar, Dakar Plateau | داكار
bamako | wa | Bamako | باماكو
istanbul | tr | Istanbul, İstanbul, Stamboul | إسطنبول, اسطنبول
hatay | tr | Hatay, Antakya, Antioch | أنطاكية, هاتاي
tehran | fa | Tehran, Téhéran, Teheran | تهران
madrid | es | Madrid | مدريد
lisbon | pt | Lisboa, Lisbon, Lisbonne | لشبونة
london | en | London, Londres, Croydon | لندن
"""


@dataclass(frozen=True)
class GivenName:
    key: str
    sex: str
    origins: tuple[str, ...]
    latin: tuple[str, ...]
    script: tuple[str, ...]  # Arabic-script or Cyrillic spellings (ua: prefix kept)
    short: tuple[str, ...]


@dataclass(frozen=True)
class FamilyName:
    key: str
    origins: tuple[str, ...]
    latin: tuple[str, ...]
    script: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    key: str
    region: str
    latin: tuple[str, ...]
    script: tuple[str, ...] = field(default=())


def _split(cell: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(sep) if part.strip())


def _rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("|")])
    return rows


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_given() -> list[GivenName]:
    names = []
    for cells in _rows(_nfc(GIVEN_NAMES)):
        cells += [""] * (6 - len(cells))
        key, sex, origins, latin, script, short = cells[:6]
        names.append(
            GivenName(key, sex, _split(origins, " "), _split(latin), _split(script), _split(short))
        )
    return names


def load_family() -> list[FamilyName]:
    names = []
    for cells in _rows(_nfc(FAMILY_NAMES)):
        key, origins, latin, script = (cells + [""] * 4)[:4]
        names.append(FamilyName(key, _split(origins, " "), _split(latin), _split(script)))
    return names


def load_places() -> list[Place]:
    return [
        Place(key, region, _split(latin), _split(script))
        for key, region, latin, script in ((cells + [""] * 4)[:4] for cells in _rows(_nfc(PLACES)))
    ]
